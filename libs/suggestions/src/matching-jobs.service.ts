import { Injectable, Logger, Optional } from '@nestjs/common';
import { buildMatchContext, buildSuggestions, defaultThreads, rankAllPairs, type PartnerProfile } from '@app/matching';
import { isDatabaseUnavailable, MatchingRunRepository, PartnerRepository, SuggestionRepository, type MatchingRunEntity, type ShardBounds, type SuggestionRow } from '@app/persistence';
import { isRedisConnectionFailure, MailJobHandler, MatchingJobHandler, MatchingJobProducer, type MatchingJob, type MatchingJobData, type ProgressReporter } from '@app/queue';
import type { EntityManager } from 'typeorm';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { MatchIndexCacheService } from './match-index-cache.service';
import { MatchInputsService } from './match-inputs.service';
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
 * The matching jobs: load profiles, score with the core, save the lists. Run by BullMQ in
 * the worker and by the in-process driver in the embedded default alike.
 */
@Injectable()
export class MatchingJobsService extends MatchingJobHandler {
  private readonly logger = new Logger(MatchingJobsService.name);

  constructor(
    private readonly partners: PartnerRepository,
    private readonly inputs: MatchInputsService,
    private readonly runs: MatchingRunRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly producer: MatchingJobProducer,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly indexCache: MatchIndexCacheService,
    @Optional() private readonly mail?: MailJobHandler,
  ) {
    super();
  }

  async handle(job: MatchingJob, reportProgress: ProgressReporter): Promise<void> {
    switch (job.name) {
      case 'partner-changed':
        return this.updateChangedLists();
      case 'full-run':
        return this.planRun(job.data);
      case 'score-shard':
        return this.scoreShard(job.data, reportProgress);
      case 'finalise-run':
        return this.finaliseRun(job.data);
      case 'send-mail':
        if (!this.mail) throw new Error('send-mail job in a process without the mail module');
        return this.mail.send(job.data);
      default:
        return assertNever(job);
    }
  }

  async failed(job: MatchingJob, error: Error): Promise<void> {
    if (job.name === 'partner-changed' || job.name === 'send-mail' || !job.data.runId) return;
    if (this.isTransient(error)) {
      // Nothing wrong with the run itself: the watchdog enqueues its missing jobs again.
      this.logger.warn(`Run ${job.data.runId}: ${job.name} gave up on an outage (${error.message}); left to the run watchdog`);
      return;
    }
    await this.runs.markFailed(job.data.runId, `${job.name}: ${error.message}`);
  }

  isTransient(error: unknown): boolean {
    return isDatabaseUnavailable(error) || isRedisConnectionFailure(error);
  }

  /**
   * Brings the stored lists in line with the partners as they are now: the changed
   * partner's list and every list it enters or leaves. Serialised across processes, so a
   * slower job never overwrites a newer list with an older one.
   */
  private async updateChangedLists(): Promise<void> {
    await this.suggestions.withListLock(async (tx) => {
      const runId = await this.suggestions.activeRunId(tx);
      if (!runId) return; // before the first run there are no lists to repair
      await this.writeIndexChanges(runId, tx);
    });
  }

  private async writeIndexChanges(runId: string, tx: EntityManager): Promise<number> {
    const profile = await this.matchingProfile.ofRun(runId, tx);
    const synced = await this.indexCache.sync(runId, profile, tx);
    const ids = synced.rebuilt ? await this.listsDifferingFromStored(runId, synced.index, synced.profiles, tx) : [...synced.changedPartnerIds];
    const rows: SuggestionRow[] = [];
    for (const id of ids) {
      const viewer = synced.profiles.get(id);
      if (viewer) rows.push(...toSuggestionRows(runId, viewer, synced.index.suggestions(id), (other) => synced.profiles.get(other), profile.version));
    }
    await this.suggestions.replaceLists(runId, ids, rows, tx);
    return ids.length;
  }

  private async listsDifferingFromStored(
    runId: string,
    index: { ranked(id: string): { candidateId: string; score: number }[] },
    profiles: Map<string, PartnerProfile>,
    tx: EntityManager,
  ): Promise<string[]> {
    const stored = await this.suggestions.candidateLists(runId, tx);
    const ids = new Set([...profiles.keys(), ...stored.keys()]);
    return [...ids].filter((id) => !sameList(stored.get(id) ?? [], profiles.has(id) ? index.ranked(id) : []));
  }

  /** The record of a scheduled run, unless another run is still going (then it is skipped). */
  private async createScheduledRun(): Promise<MatchingRunEntity | null> {
    return this.runs.withRequestLock(async (tx) =>
      (await this.runs.findUnfinished(tx)) ? null : this.runs.create('scheduled', (await this.matchingProfile.current(tx)).version, tx),
    );
  }

  private async planRun(data: MatchingJobData<'full-run'>): Promise<void> {
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

  private async scoreShard(data: MatchingJobData<'score-shard'>, reportProgress: ProgressReporter): Promise<void> {
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
  private async finaliseRun(data: MatchingJobData<'finalise-run'>): Promise<void> {
    const run = await this.runs.findById(data.runId);
    if (!run || run.status !== 'running') return;
    const missing = (run.shardCount ?? 0) - run.completedShards.length;
    if (missing > 0) throw new Error(`${missing} of ${run.shardCount} shards have not finished`);
    if (!(await this.suggestions.activate(run.id))) return;
    this.indexCache.invalidate();
    const repaired = await this.suggestions.withListLock((tx) => this.writeIndexChanges(run.id, tx));
    this.logger.log(`Run ${run.id} completed: ${run.partnerCount} partners${repaired ? `, ${repaired} lists updated for changes during the run` : ''}`);
  }
}

/** The shard jobs of a run, from the partner range of each shard. */
export function shardJobs(runId: string, bounds: readonly ShardBounds[]): MatchingJobData<'score-shard'>[] {
  return bounds.map((range, shard) => ({ runId, shard, ...range }));
}

/** Same candidates in the same order with the same scores (to float noise). */
function sameList(stored: readonly { candidateId: string; score: number }[], computed: readonly { candidateId: string; score: number }[]): boolean {
  return (
    stored.length === computed.length &&
    stored.every((entry, rank) => entry.candidateId === computed[rank].candidateId && Math.abs(entry.score - computed[rank].score) < 1e-9)
  );
}

function assertNever(job: never): never {
  throw new Error(`no handler for job ${JSON.stringify(job)}`);
}
