import { Injectable, Logger } from '@nestjs/common';
import { buildMatchContext, buildSuggestions, defaultThreads, rankAllPairs } from '@app/matching';
import { MatchingRunRepository, PartnerRepository, SuggestionRepository, type MatchingRunEntity, type ShardBounds, type SuggestionRow } from '@app/persistence';
import { MatchingJobProducer, type MatchingJobData, type ProgressReporter } from '@app/queue';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { MatchInputsService } from './match-inputs.service';
import { PartnerChangeHandler } from './partner-change.handler';
import { toSuggestionRows } from './partner-profiles';

/** Partners per shard job of a full run. */
export const SHARD_SIZE = 2500;

/**
 * Partners whose lists one write transaction of a shard stores. The embedded database has
 * one connection and runs a query on this event loop: one transaction for a whole shard
 * (thousands of rows) kept every read waiting for seconds (/health/ready answered 503). A
 * run's rows are invisible until the switch-in, so a shard need not be written atomically:
 * each chunk replaces its partners' rows, and a retried shard still leaves one copy. 25
 * partners (500 rows) a transaction still held the connection for 0.3–0.9 s on a busy machine.
 */
export const WRITE_CHUNK_PARTNERS = 5;

/**
 * A full run's jobs: plan it (snapshot the partners, cut them into shards), score each
 * shard with the core, and finalise it (switch its lists in, then catch up on the changes
 * made while it scored).
 */
@Injectable()
export class FullRunHandler {
  private readonly logger = new Logger(FullRunHandler.name);

  constructor(
    private readonly partners: PartnerRepository,
    private readonly inputs: MatchInputsService,
    private readonly runs: MatchingRunRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly producer: MatchingJobProducer,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly partnerChanges: PartnerChangeHandler,
  ) {}

  /** Records a run job's failure for good: the run ends, so the next one can start. */
  async fail(runId: string, error: string): Promise<void> {
    await this.runs.markFailed(runId, error);
  }

  /** The record of a scheduled run, unless another run is still going (then it is skipped). */
  private async createScheduledRun(): Promise<MatchingRunEntity | null> {
    return this.runs.withRequestLock(async (tx) =>
      (await this.runs.findUnfinished(tx)) ? null : this.runs.create('scheduled', (await this.matchingProfile.current(tx)).version, tx),
    );
  }

  async plan(data: MatchingJobData<'full-run'>): Promise<void> {
    const run = data.runId ? await this.runs.findById(data.runId) : await this.createScheduledRun();
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    const startedAt = new Date();
    const ids = (await this.partners.matchingProfiles()).map((partner) => partner.id);
    const bounds = [];
    for (let start = 0; start < ids.length; start += SHARD_SIZE) {
      const slice = ids.slice(start, start + SHARD_SIZE);
      bounds.push({ firstPartnerId: slice[0], lastPartnerId: slice[slice.length - 1] });
    }
    await this.runs.markStarted(run.id, ids.length, bounds, startedAt);
    await this.producer.enqueueShardedRun({ runId: run.id }, shardJobs(run.id, bounds));
  }

  async scoreShard(data: MatchingJobData<'score-shard'>, reportProgress: ProgressReporter): Promise<void> {
    const run = await this.runs.findById(data.runId);
    // A shard enqueued again by the watchdog may have been written meanwhile by a job Redis lost.
    if (!run || run.status !== 'running' || run.completedShards.includes(data.shard)) return;
    await this.runs.touch(run.id);
    const { profiles, options } = await this.inputs.load(undefined, await this.matchingProfile.ofRun(run.id));
    const profile = options.profile;
    const inShard = profiles.filter((partner) => partner.id >= data.firstPartnerId && partner.id <= data.lastPartnerId);
    // Everyone competes as a candidate; only this shard's lists are ranked here.
    const lists = await rankAllPairs(profiles, {
      ...options,
      only: inShard.map((partner) => partner.id),
      // Each shard row is scored against everyone, so the whole set decides whether threads pay.
      threads: defaultThreads(profiles.length),
    });
    await reportProgress(50);
    await this.runs.touch(run.id);
    const context = buildMatchContext(options);
    const byId = new Map(profiles.map((partner) => [partner.id, partner]));
    const lookup = (id: string) => byId.get(id);
    for (let start = 0; start < inShard.length; start += WRITE_CHUNK_PARTNERS) {
      const chunk = inShard.slice(start, start + WRITE_CHUNK_PARTNERS);
      const rows: SuggestionRow[] = [];
      for (const viewer of chunk) {
        rows.push(...toSuggestionRows(data.runId, viewer, buildSuggestions(viewer, lists.list(viewer.id), lookup, context), lookup, profile.version));
      }
      await this.suggestions.replaceLists(
        data.runId,
        chunk.map((partner) => partner.id),
        rows,
      );
      // Reads queued behind the write get the connection and the event loop (the job's lock is
      // renewed on it too) before the next chunk is explained.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.runs.markShardDone(data.runId, data.shard);
  }

  /**
   * Switches the run in once every shard has written its rows, then repairs the lists of
   * partners that changed while the run was scoring.
   */
  async finalise(data: MatchingJobData<'finalise-run'>): Promise<void> {
    const run = await this.runs.findById(data.runId);
    if (!run || run.status !== 'running') return;
    const missing = (run.shardCount ?? 0) - run.completedShards.length;
    if (missing > 0) throw new Error(`${missing} of ${run.shardCount} shards have not finished`);
    // Completed and switched in at once: readers never see a completed run that is not theirs.
    const switchedIn = await this.suggestions.withListLock(async (tx) => {
      if (!(await this.runs.markCompleted(run.id, await this.suggestions.countInRun(run.id, tx), tx))) return false;
      await this.suggestions.makeActive(run.id, tx);
      return true;
    });
    if (!switchedIn) return; // finalised before, or failed meanwhile
    await this.suggestions.deleteOtherRuns(run.id);
    const repaired = await this.partnerChanges.catchUpSwitchedInRun(run.id);
    this.logger.log(`Run ${run.id} completed: ${run.partnerCount} partners${repaired ? `, ${repaired} lists updated for changes during the run` : ''}`);
  }
}

/** The shard jobs of a run, from the partner range of each shard. */
export function shardJobs(runId: string, bounds: readonly ShardBounds[]): MatchingJobData<'score-shard'>[] {
  return bounds.map((range, shard) => ({ runId, shard, ...range }));
}
