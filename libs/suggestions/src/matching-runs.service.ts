import { Injectable } from '@nestjs/common';
import { MatchingRunRepository, type KennisdelenProfileSettings, type MatchingProfileSettings, type MatchingRunEntity, type RunTrigger } from '@app/persistence';
import { DomainException } from '@app/errors';
import { MatchingJobProducer } from '@app/queue';
import type { EntityManager } from 'typeorm';
import { ActiveKennisdelenProfileService, type KennisdelenProfileVersion } from './active-kennisdelen-profile.service';
import { ActiveMatchingProfileService, type MatchingProfileVersion } from './active-matching-profile.service';
import { RunWatchdogService } from './run-watchdog.service';

/** Another run is queued or running; `then` tells the caller what to do about it. */
export class RunAlreadyUnfinishedException extends DomainException {
  constructor(
    readonly run: MatchingRunEntity,
    then: string,
  ) {
    super('run-unfinished', `Run ${run.id} is still ${run.status}; ${then}`);
  }
}

/** Starting full runs, one at a time since each replaces every list, and reading them. */
@Injectable()
export class MatchingRunsService {
  constructor(
    private readonly runs: MatchingRunRepository,
    private readonly producer: MatchingJobProducer,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly kennisdelenProfile: ActiveKennisdelenProfileService,
    private readonly watchdog: RunWatchdogService,
  ) {}

  /** Creates and enqueues a run; throws RunAlreadyUnfinishedException while another is queued or running. */
  async request(trigger: RunTrigger): Promise<MatchingRunEntity> {
    return (await this.start(trigger, 'wait for it to finish', async () => undefined)).run;
  }

  /**
   * Saves a new profile version and starts the run that applies it, both or neither: while
   * another run is unfinished it throws RunAlreadyUnfinishedException and stores nothing.
   */
  async activateProfile(settings: MatchingProfileSettings, note: string | null): Promise<{ profile: MatchingProfileVersion; run: MatchingRunEntity }> {
    const { run, prepared } = await this.start('profile', 'save the profile once it has finished', (tx) => this.matchingProfile.save(settings, note, tx));
    return { profile: prepared, run };
  }

  /** The same for a new version of the kennisdelen profile: saved and applied by a full run, both or neither. */
  async activateKennisdelenProfile(settings: KennisdelenProfileSettings, note: string | null): Promise<{ profile: KennisdelenProfileVersion; run: MatchingRunEntity }> {
    const { run, prepared } = await this.start('profile', 'save the profile once it has finished', (tx) => this.kennisdelenProfile.save(settings, note, tx));
    return { profile: prepared, run };
  }

  /** Runs, newest first. */
  list(limit: number, offset: number): Promise<{ items: MatchingRunEntity[]; total: number }> {
    return this.runs.list(limit, offset);
  }

  async get(id: string): Promise<MatchingRunEntity> {
    const run = await this.runs.findById(id);
    if (!run) throw DomainException.notFound('Matching run', id);
    return run;
  }

  /** The version of each purpose's profile a run requested now applies. */
  private async activeVersions(tx: EntityManager): Promise<{ samenwerken: number; kennisdelen: number }> {
    return { samenwerken: (await this.matchingProfile.current(tx)).version, kennisdelen: (await this.kennisdelenProfile.current(tx)).version };
  }

  /** Under the request lock, so two requests cannot both find no unfinished run. */
  private async start<T>(trigger: RunTrigger, then: string, prepare: (tx: EntityManager) => Promise<T>): Promise<{ run: MatchingRunEntity; prepared: T }> {
    // A run that can no longer end must not answer this request with 409; outside the lock,
    // since the embedded database has a single connection.
    await this.watchdog.check();
    const started = await this.runs.withRequestLock(async (tx) => {
      const unfinished = await this.runs.findUnfinished(tx);
      if (unfinished) throw new RunAlreadyUnfinishedException(unfinished, then);
      const prepared = await prepare(tx);
      return { run: await this.runs.create(trigger, await this.activeVersions(tx), tx), prepared };
    });
    try {
      await this.producer.enqueue({ name: 'full-run', data: { runId: started.run.id } });
    } catch (error) {
      // A run left queued would block every later request with 409.
      await this.runs.markFailed(started.run.id, `could not enqueue the run: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    return started;
  }
}
