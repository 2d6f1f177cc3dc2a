import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { buildMatchContext, defaultThreads, rankAllPairs, type KennisdelenProfile, type MatchingProfile } from '@app/matching';
import { MatchingRunRepository, PartnerRepository, SuggestionRepository, type MatchingRunEntity, type RunWeights, type ShardBounds, type StoredSuggestionRow } from '@app/persistence';
import { MatchingJobProducer, type MatchingJobData, type ProgressReporter } from '@app/queue';
import { ActiveKennisdelenProfileService } from './active-kennisdelen-profile.service';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { KennisdelenListsService } from './kennisdelen-lists.service';
import { MatchInputsService, type MatchInputs } from './match-inputs.service';
import { PartnerChangeHandler } from './partner-change.handler';
import { rankedListRows } from './partner-profiles';

/** Partners per shard job of a full run. */
export const SHARD_SIZE = 2500;

/**
 * Partners whose lists one write transaction of a shard stores on PostgreSQL: fewer, larger
 * statements (about 1,500 rows of both purposes) than the embedded database can take.
 */
export const WRITE_CHUNK_PARTNERS = 50;

/**
 * Partners whose lists one write transaction of a shard stores on the embedded database, which has
 * one connection and runs a query on this event loop: one transaction for a whole shard
 * (thousands of rows) kept every read waiting for seconds (/health/ready answered 503). A
 * run's rows are invisible until the switch-in, so a shard need not be written atomically:
 * each chunk replaces its partners' rows, and a retried shard still leaves one copy. 25
 * partners (500 rows) a transaction still held the connection for 0.3–0.9 s on a busy machine.
 */
export const EMBEDDED_WRITE_CHUNK_PARTNERS = 5;

/**
 * A full run's jobs: plan it (snapshot the partners, cut them into shards), score each
 * shard with the core, and finalise it (switch its lists in, then catch up on the changes
 * made while it scored).
 */
@Injectable()
export class FullRunHandler {
  private readonly logger = new Logger(FullRunHandler.name);
  private runInputs: { runId: string; inputs: Promise<MatchInputs> } | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnerRepository,
    private readonly inputs: MatchInputsService,
    private readonly runs: MatchingRunRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly producer: MatchingJobProducer,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly kennisdelenProfile: ActiveKennisdelenProfileService,
    private readonly partnerChanges: PartnerChangeHandler,
    private readonly kennisdelen: KennisdelenListsService,
  ) {}

  /**
   * The partners and pairs a run's shards rank, read once per run by this process: reading
   * every partner again for each shard cost ~1 s a shard at 10,000 partners and ten times that
   * at 100,000. Changes made after the read are the switch-in's to repair, as changes made
   * while a shard scores always were: it compares every list with the partners as they are then.
   */
  private inputsOfRun(runId: string): Promise<MatchInputs> {
    if (this.runInputs?.runId !== runId) {
      const inputs = this.matchingProfile.ofRun(runId).then((profile) => this.inputs.load(undefined, profile));
      this.runInputs = { runId, inputs };
      inputs.catch(() => {
        if (this.runInputs?.inputs === inputs) this.runInputs = null;
      });
    }
    return this.runInputs.inputs;
  }

  /** What a run's partition records: both purposes' weights (of the versions it was requested with), for the reasons' shares. */
  private runWeights(profile: MatchingProfile, kennisdelen: KennisdelenProfile): RunWeights {
    return { ...profile.weights, kennisdelen: kennisdelen.weights };
  }

  /** Records a run job's failure for good: the run ends, so the next one can start. */
  async fail(runId: string, error: string): Promise<void> {
    if (this.runInputs?.runId === runId) this.runInputs = null;
    await this.runs.markFailed(runId, error);
  }

  /** The record of a scheduled run, unless another run is still going (then it is skipped). */
  private async createScheduledRun(): Promise<MatchingRunEntity | null> {
    return this.runs.withRequestLock(async (tx) => {
      if (await this.runs.findUnfinished(tx)) return null;
      const versions = { samenwerken: (await this.matchingProfile.current(tx)).version, kennisdelen: (await this.kennisdelenProfile.current(tx)).version };
      return this.runs.create('scheduled', versions, tx);
    });
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
    // The run's own partition, before any shard writes into it.
    await this.suggestions.preparePartition(run.id, this.runWeights(await this.matchingProfile.ofRun(run.id), await this.kennisdelenProfile.ofRun(run.id)));
    await this.runs.markStarted(run.id, ids.length, bounds, startedAt);
    await this.producer.enqueueShardedRun({ runId: run.id }, shardJobs(run.id, bounds));
  }

  async scoreShard(data: MatchingJobData<'score-shard'>, reportProgress: ProgressReporter): Promise<void> {
    const run = await this.runs.findById(data.runId);
    // A shard enqueued again by the watchdog may have been written meanwhile by a job Redis lost.
    if (!run || run.status !== 'running' || run.completedShards.includes(data.shard)) return;
    await this.runs.touch(run.id);
    const phases = new PhaseClock();
    const { profiles, options } = await this.inputsOfRun(run.id);
    phases.lap('loaded');
    const profile = options.profile;
    const kennisdelenProfile = await this.kennisdelenProfile.ofRun(run.id);
    // A no-op after plan; a run recovered by the watchdog from an older plan gets it here.
    await this.suggestions.preparePartition(run.id, this.runWeights(profile, kennisdelenProfile));
    const inShard = profiles.filter((partner) => partner.id >= data.firstPartnerId && partner.id <= data.lastPartnerId);
    // Everyone competes as a candidate; only this shard's lists are ranked here.
    const lists = await rankAllPairs(profiles, {
      ...options,
      only: inShard.map((partner) => partner.id),
      // Each shard row is scored against everyone, so the whole set decides whether threads pay.
      threads: defaultThreads(profiles.length),
      // The embedded default runs this job on the API's event loop: ranking there held every
      // request for the ranking's time, however short the write transactions.
      offThread: this.config.database.kind === 'embedded',
    });
    phases.lap('ranked');
    const kennisdelenLists = await this.kennisdelen.rankShard(profiles, options.connections, inShard.map((partner) => partner.id), kennisdelenProfile);
    phases.lap('kennisdelen ranked');
    await reportProgress(50);
    await this.runs.touch(run.id);
    const context = buildMatchContext(options);
    const byId = new Map(profiles.map((partner) => [partner.id, partner]));
    const lookup = (id: string) => byId.get(id);
    // Compact against the partition's weights, as a repair's rows are (the same as the profile's here).
    const stored = { profileVersion: profile.version, weights: await this.suggestions.weightsOf(run.id) };
    const chunkSize = this.config.database.kind === 'embedded' ? EMBEDDED_WRITE_CHUNK_PARTNERS : WRITE_CHUNK_PARTNERS;
    for (let start = 0; start < inShard.length; start += chunkSize) {
      const chunk = inShard.slice(start, start + chunkSize);
      const rows: StoredSuggestionRow[] = [];
      for (const viewer of chunk) {
        rows.push(...rankedListRows(data.runId, viewer, lists.list(viewer.id), lookup, context, stored));
      }
      const ids = chunk.map((partner) => partner.id);
      const kennisdelenRows = this.kennisdelen.storedRows(data.runId, ids, kennisdelenLists, lookup, kennisdelenProfile);
      phases.lap('explained');
      await this.suggestions.writeShardChunk(data.runId, ids, rows, kennisdelenRows);
      phases.lap('written');
      // Reads queued behind the write get the connection and the event loop (the job's lock is
      // renewed on it too) before the next chunk is explained.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const remaining = await this.runs.markShardDone(data.runId, data.shard);
    this.logger.log(`Run ${run.id} shard ${data.shard}: ${inShard.length} lists of ${profiles.length} partners; ${phases}`);
    // The last shards are being scored (here or by another worker): this process builds its
    // index for the run now, so the first change after the switch-in does not wait for a build.
    // It lets go of the run's partners first, in every worker (not only the one writing the last
    // shard): at 100,000 partners they and the index would otherwise share the heap until the next run.
    if (remaining <= 1) {
      this.runInputs = null;
      this.partnerChanges.prepareFor(profile);
    }
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
    // The previous runs' rows go with their partitions: no long DELETE.
    await this.suggestions.dropOtherRuns(run.id);
    const repaired = await this.partnerChanges.catchUpSwitchedInRun(run.id);
    // Readable already; the indexes are made compact while readers and repairs go on. The run
    // is complete either way: a failure here costs index space, not lists (a retry would find
    // the run completed and stop).
    await this.suggestions.compactPartition(run.id).catch((error: Error) => this.logger.warn(`Run ${run.id}: compacting its indexes failed: ${error.message}`));
    this.logger.log(`Run ${run.id} completed: ${run.partnerCount} partners${repaired ? `, ${repaired} lists updated for changes during the run` : ''}`);
  }
}

/** Where a job's time went: the milliseconds spent in each named phase, summed over its laps. */
class PhaseClock {
  private readonly spent = new Map<string, number>();
  private last = performance.now();

  lap(phase: string): void {
    const now = performance.now();
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + now - this.last);
    this.last = now;
  }

  toString(): string {
    return [...this.spent].map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`).join(', ');
  }
}

/** The shard jobs of a run, from the partner range of each shard. */
export function shardJobs(runId: string, bounds: readonly ShardBounds[]): MatchingJobData<'score-shard'>[] {
  return bounds.map((range, shard) => ({ runId, shard, ...range }));
}
