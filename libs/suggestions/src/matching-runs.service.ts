import { Injectable } from '@nestjs/common';
import { MatchingRunRepository, type MatchingRunEntity, type RunTrigger } from '@app/persistence';
import { MatchingJobProducer } from '@app/queue';
import { ActiveMatchingProfileService } from './active-matching-profile.service';

export class RunAlreadyUnfinishedError extends Error {
  constructor(readonly run: MatchingRunEntity) {
    super(`Run ${run.id} is still ${run.status}`);
  }
}

/** Starting full runs; one at a time, since each replaces every list. */
@Injectable()
export class MatchingRunsService {
  constructor(
    private readonly runs: MatchingRunRepository,
    private readonly producer: MatchingJobProducer,
    private readonly matchingProfile: ActiveMatchingProfileService,
  ) {}

  /** Creates and enqueues a run; throws RunAlreadyUnfinishedError while another is queued or running. */
  async request(trigger: RunTrigger): Promise<MatchingRunEntity> {
    const unfinished = await this.runs.findUnfinished();
    if (unfinished) throw new RunAlreadyUnfinishedError(unfinished);
    const run = await this.runs.create(trigger, (await this.matchingProfile.current()).version);
    await this.producer.enqueue({ name: 'full-run', data: { runId: run.id } });
    return run;
  }

  /** The record of a scheduled run, unless another run is still going (then it is skipped). */
  async createScheduledRun(): Promise<MatchingRunEntity | null> {
    if (await this.runs.findUnfinished()) return null;
    return this.runs.create('scheduled', (await this.matchingProfile.current()).version);
  }
}
