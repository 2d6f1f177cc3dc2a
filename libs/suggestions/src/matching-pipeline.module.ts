import { DynamicModule, Module, type Provider } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { MatchingJobHandler, matchingProcessorFor } from '@app/queue';
import { ActiveKennisdelenProfileService } from './active-kennisdelen-profile.service';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { MatchIndexCacheService } from './match-index-cache.service';
import { MatchInputsService } from './match-inputs.service';
import { FullRunHandler } from './full-run.handler';
import { MatchingJobRouter } from './matching-job.router';
import { MatchingRunsService } from './matching-runs.service';
import { KennisdelenListsService } from './kennisdelen-lists.service';
import { PartnerChangeHandler } from './partner-change.handler';
import { RunWatchdogService } from './run-watchdog.service';
import { StartupRunService } from './startup-run.service';

/**
 * The job handlers and run requests. `processJobs` binds them to BullMQ (the worker); without
 * Redis the in-process driver calls them directly, so the API runs them itself.
 */
@Module({})
export class MatchingPipelineModule {
  static forRoot(config: AppConfig, options: { processJobs: boolean }): DynamicModule {
    const providers: Provider[] = [
      ActiveMatchingProfileService,
      ActiveKennisdelenProfileService,
      MatchInputsService,
      MatchIndexCacheService,
      MatchingRunsService,
      RunWatchdogService,
      PartnerChangeHandler,
      KennisdelenListsService,
      FullRunHandler,
      MatchingJobRouter,
      { provide: MatchingJobHandler, useExisting: MatchingJobRouter },
    ];
    if (config.redisUrl && options.processJobs) providers.push(matchingProcessorFor(config));
    if (!config.redisUrl) providers.push(StartupRunService);
    return {
      module: MatchingPipelineModule,
      global: true,
      providers,
      exports: [MatchingRunsService, RunWatchdogService, ActiveMatchingProfileService, ActiveKennisdelenProfileService, MatchInputsService, MatchingJobHandler],
    };
  }
}
