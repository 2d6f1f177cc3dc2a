import { Injectable, Logger } from '@nestjs/common';
import { applyFairExposure, buildFairSuggestions, fairExposureActive, type FairList, type MatchingProfile, type RankedCandidate } from '@app/matching';
import { MatchingRunRepository, MatchRepository, SuggestionRepository, type StoredSuggestionRow, type SuggestionRow, type Transaction } from '@app/persistence';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { KennisdelenListsService } from './kennisdelen-lists.service';
import { listsDifferingFromStored, MatchIndexCacheService, type SyncedIndex } from './match-index-cache.service';
import { rankedListRows, toSuggestionRows } from './partner-profiles';

/** What the last fair-exposure pass wrote, per list: its order, scores, moves and counts (see `fairSignature`). */
interface FairState {
  runId: string;
  profileVersion: number;
  /** The index the pass read; another (rebuilt) index is compared with the stored lists instead. */
  index: unknown;
  signatures: Map<string, string>;
}

/**
 * Keeps the stored lists in line with the partners as they are now, through this process's
 * incremental index: the `catch-up-stale-lists` job, and the repair of a run switched in
 * while partners changed during its scoring.
 */
@Injectable()
export class PartnerChangeHandler {
  private readonly logger = new Logger(PartnerChangeHandler.name);
  constructor(
    private readonly suggestions: SuggestionRepository,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly indexCache: MatchIndexCacheService,
    private readonly matches: MatchRepository,
    private readonly runs: MatchingRunRepository,
    private readonly kennisdelen: KennisdelenListsService,
  ) {}

  private fair: FairState | null = null;
  /**
   * A repair's transaction failed after its sync had moved the index (and the kennisdelen
   * ranker) on to the partners as they are: the stored lists are behind them by changes the
   * next sync no longer reports. The next repair then compares every samenwerken list with the
   * index and ranks the kennisdelen lists anew (their kept state is dropped at the failure).
   */
  private listsBehindIndex = false;

  /**
   * Repairs every list a changed partner entered, left or owns. Serialised across processes,
   * so a slower job never overwrites a newer list with an older one.
   */
  async catchUpStaleLists(): Promise<void> {
    const runId = await this.suggestions.activeRunId();
    if (!runId) return; // before the first run there are no lists to repair
    // A missing index is built before the lock is taken, so other workers' repairs go on meanwhile.
    await this.indexCache.warm(await this.matchingProfile.ofRun(runId));
    await this.committedOrBehind(() =>
      this.suggestions.withListLock(async (tx) => {
        const activeRunId = await this.suggestions.activeRunId(tx);
        if (activeRunId) await this.writeIndexChanges(activeRunId, tx, { compareAll: this.listsBehindIndex });
      }),
    );
  }

  /**
   * After `runId` was switched in: its lists were scored from the partners as they were, so
   * every one is compared with the index (kept from before the run when the profile and pairs
   * are the same) and those that differ are written. Returns how many lists.
   */
  async catchUpSwitchedInRun(runId: string): Promise<number> {
    await this.indexCache.warm(await this.matchingProfile.ofRun(runId));
    return this.committedOrBehind(() => this.suggestions.withListLock((tx) => this.writeIndexChanges(runId, tx, { compareAll: true })));
  }

  /**
   * Runs a list-lock transaction, noting whether it was committed. Also a transaction that failed
   * before its sync counts as behind: a repair compared in full (seconds at 100,000) is the rare
   * price of a database fault, lists the next sync would never mend are not.
   */
  private async committedOrBehind<T>(write: () => Promise<T>): Promise<T> {
    try {
      const result = await write();
      this.listsBehindIndex = false;
      return result;
    } catch (error) {
      this.listsBehindIndex = true;
      this.kennisdelen.forget();
      throw error;
    }
  }

  /** Builds this process's index ahead of need (when a run's last shards are scored), without waiting for it. */
  prepareFor(profile: MatchingProfile): void {
    this.indexCache.warmInBackground(profile);
  }

  /**
   * Builds this process's index for the latest run's profile — the one being scored, else the
   * active one — unless it holds it; called when the worker has nothing else to do.
   */
  async prepare(): Promise<void> {
    const runId = (await this.runs.findUnfinished())?.id ?? (await this.suggestions.activeRunId());
    if (runId) await this.indexCache.warm(await this.matchingProfile.ofRun(runId));
  }

  private async writeIndexChanges(runId: string, tx: Transaction, { compareAll = false } = {}): Promise<number> {
    const started = performance.now();
    const profile = await this.matchingProfile.ofRun(runId, tx);
    const synced = await this.indexCache.sync(runId, profile, tx);
    const syncedAt = performance.now();
    // Both purposes' lists follow the same synced profiles, in the same transaction.
    const kennisdelen = await this.kennisdelen.repair(runId, synced, tx, { compareAll });
    const kennisdelenAt = performance.now();
    const samenwerken = await this.writeSamenwerkenChanges(runId, profile, synced, tx, compareAll);
    const ms = (from: number, to: number) => Math.round(to - from);
    this.logger.debug(
      `Repair of run ${runId}: index synced in ${ms(started, syncedAt)} ms, ${kennisdelen} kennisdelen lists in ${ms(syncedAt, kennisdelenAt)} ms, ${samenwerken} samenwerken lists in ${ms(kennisdelenAt, performance.now())} ms`,
    );
    return kennisdelen + samenwerken;
  }

  private async writeSamenwerkenChanges(runId: string, profile: MatchingProfile, synced: SyncedIndex, tx: Transaction, compareAll: boolean): Promise<number> {
    if (fairExposureActive(profile)) return this.writeFairLists(runId, profile, synced, tx, compareAll);
    this.fair = null;
    const ids =
      synced.rebuilt || compareAll
        ? listsDifferingFromStored(await this.suggestions.candidateLists(runId, tx), synced.index, synced.profiles)
        : [...synced.changedPartnerIds];
    const lookup = (other: string) => synced.profiles.get(other);
    const stored = { profileVersion: profile.version, weights: await this.suggestions.weightsOf(runId, tx) };
    const rows: StoredSuggestionRow[] = [];
    for (const id of ids) {
      const viewer = synced.profiles.get(id);
      if (viewer) rows.push(...rankedListRows(runId, viewer, synced.index.ranked(id), lookup, synced.index.context, stored));
    }
    await this.suggestions.replaceLists(runId, ids, rows, tx);
    return ids.length;
  }

  /**
   * With a profile that caps exposure or capacity the lists depend on each other (fair-exposure.ts
   * in the core): every list is taken from the index as a full run would rank it, the step runs
   * over all of them, and the lists that come out different are written. A full run's shards
   * write the lists before the step; its switch-in repair (`catchUpSwitchedInRun`, which rebuilds
   * the index) writes the ones the step changes, so full runs and repairs store the same lists.
   * Open introductions are read on every pass: a decision to or from `introduced` enqueues one.
   */
  private async writeFairLists(runId: string, profile: MatchingProfile, synced: SyncedIndex, tx: Transaction, compareAll: boolean): Promise<number> {
    const open = profile.maxOpenIntroductions != null ? await this.matches.openIntroductionCounts(tx) : new Map<string, number>();
    const natural = new Map<string, RankedCandidate[]>();
    for (const id of synced.profiles.keys()) natural.set(id, synced.index.ranked(id));
    const fair = applyFairExposure(natural, profile, open);
    const signatures = new Map([...fair].map(([id, list]) => [id, fairSignature(list, open)]));
    const previous = this.fair;
    let ids: string[];
    if (synced.rebuilt || compareAll || !previous || previous.index !== synced.index || previous.runId !== runId || previous.profileVersion !== profile.version) {
      const ranked = { ranked: (id: string) => fair.get(id)?.ranked ?? [] };
      const differing = listsDifferingFromStored(await this.suggestions.candidateLists(runId, tx), ranked, synced.profiles);
      // Same order as stored but a move to explain (e.g. at capacity and last already): rewritten too.
      const moved = [...fair].filter(([, list]) => list.capped.length > 0 || list.atCapacity.length > 0).map(([id]) => id);
      ids = [...new Set([...differing, ...moved])];
    } else {
      const known = new Set([...signatures.keys(), ...previous.signatures.keys()]);
      ids = [...known].filter((id) => signatures.get(id) !== previous.signatures.get(id) || synced.changedPartnerIds.has(id));
      for (const id of synced.changedPartnerIds) if (!known.has(id)) ids.push(id);
    }
    const lookup = (other: string) => synced.profiles.get(other);
    const rows: SuggestionRow[] = [];
    for (const id of ids) {
      const viewer = synced.profiles.get(id);
      const list = fair.get(id);
      if (viewer && list) {
        rows.push(...toSuggestionRows(runId, viewer, buildFairSuggestions(viewer, natural.get(id)!, list, lookup, synced.index.context, open), lookup, profile.version));
      }
    }
    await this.suggestions.replaceLists(runId, ids, rows, tx);
    this.fair = { runId, profileVersion: profile.version, index: synced.index, signatures };
    return ids.length;
  }
}

/** Everything a fair list's stored rows depend on besides the two partners' profiles. */
function fairSignature(list: FairList, open: ReadonlyMap<string, number>): string {
  const order = list.ranked.map((entry) => `${entry.candidateId}:${entry.score}`).join(';');
  return `${order}|${list.capped.join(',')}|${list.atCapacity.map((id) => `${id}:${open.get(id) ?? 0}`).join(',')}`;
}
