import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MatchingRunRepository, PartnerRepository, SuggestionRepository } from '@app/persistence';
import { MatchingRunsService } from './matching-runs.service';

/**
 * In the embedded default nothing else starts runs, so a first start (or one after an
 * interrupted run) computes the lists right away: `npm start` shows real suggestions.
 */
@Injectable()
export class StartupRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StartupRunService.name);

  constructor(
    private readonly runs: MatchingRunRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly partners: PartnerRepository,
    private readonly matchingRuns: MatchingRunsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const interrupted = await this.runs.findUnfinished();
    if (interrupted) await this.runs.markFailed(interrupted.id, 'interrupted: the process stopped before the run completed');
    if ((await this.suggestions.activeRunId()) || (await this.partners.count()) === 0) return;
    const run = await this.matchingRuns.request('startup');
    this.logger.log(`Computing suggestions (run ${run.id})`);
  }
}
