import { Injectable } from '@nestjs/common';
import {
  KennisdelenRanker,
  type KennisdelenListFloors,
  kennisdelenReasonFacts,
  kennisdelenReasons,
  nearestGemeenten,
  rankKennisdelenLists,
  storeKennisdelenFacts,
  type Connection,
  type KennisdelenProfile,
  type KennisdelenRanked,
  type KennisdelenScores,
  type PartnerProfile,
} from '@app/matching';
import { ranksWithoutGap, SuggestionRepository, type KennisdelenRow, type StoredKennisdelenSuggestionRow, type StoredListEntry, type Transaction } from '@app/persistence';
import { ActiveKennisdelenProfileService } from './active-kennisdelen-profile.service';
import type { SyncedIndex } from './match-index-cache.service';
import { MatchInputsService } from './match-inputs.service';

/** These partners' lists as rows of one run, each with the reasons `explain` gives its pair. */
function listRows<Explained extends object>(
  runId: string,
  ids: readonly string[],
  lists: ReadonlyMap<string, KennisdelenRanked[]>,
  lookup: (id: string) => PartnerProfile | undefined,
  profile: KennisdelenProfile,
  explain: (viewer: PartnerProfile, candidate: PartnerProfile, components: KennisdelenScores) => Explained,
): (Omit<KennisdelenRow, 'reasons'> & Explained)[] {
  const rows: (Omit<KennisdelenRow, 'reasons'> & Explained)[] = [];
  for (const id of ids) {
    const viewer = lookup(id);
    if (!viewer) continue;
    (lists.get(id) ?? []).forEach((entry, index) => {
      const candidate = lookup(entry.candidateId)!;
      const nearest = nearestGemeenten(viewer, candidate);
      rows.push({
        runId,
        partnerId: id,
        rank: index + 1,
        candidateId: entry.candidateId,
        score: entry.score,
        distanceKm: nearest ? Math.round(nearest.km * 10) / 10 : null,
        components: entry.components,
        ...explain(viewer, candidate, entry.components),
        profileVersion: profile.version,
      });
    });
  }
  return rows;
}

/** The lists this process last wrote or compared, and what they were computed from. */
interface KennisdelenState {
  /** The run whose stored lists these are, or (`fromSnapshot`) the run active when the snapshot was read. */
  runId: string | null;
  /** The run's kennisdelen profile, which the lists were ranked with. */
  profile: KennisdelenProfile;
  /** The samenwerken index they were synced with: a new one (other connections) means computing anew. */
  index: unknown;
  /** The digest of the pairs rejected or declined for kennisdelen: another digest means computing anew. */
  excludedDigest: string;
  /** The lists' ranker, with the connected and excluded pairs of its time, taking each repair's changed profiles. */
  ranker: KennisdelenRanker;
  lists: Map<string, KennisdelenRanked[]>;
  /** The last places of `lists`, kept in step with them: what a changed partner must beat to enter one. */
  floors: KennisdelenListFloors;
  /** Lists computed ahead (`warm`) that differ from the stored ones: the next repair writes them. */
  differing: Set<string>;
  /**
   * Ranked ahead from a snapshot (`warm`), not yet used by a repair. Such lists are what the lists
   * should be as of the snapshot, whichever run they are written to: a run switched in since then
   * was brought up to date in its switch-in (compared in full), and every partner changed since
   * the snapshot is among the next sync's changed profiles.
   */
  fromSnapshot: boolean;
}

/** What `warm` ranks from: one snapshot of the partners and pairs, read with the run active then (null before the first). */
export interface KennisdelenSnapshot {
  runId: string | null;
  /** The samenwerken index built from the same snapshot: the next repair's sync answers it. */
  index: unknown;
  profiles: ReadonlyMap<string, PartnerProfile>;
  connections: readonly Connection[];
  excluded: { pairs: Connection[]; digest: string };
  profile: KennisdelenProfile;
}

const sameList = (a: readonly KennisdelenRanked[] | undefined, b: readonly { candidateId: string; score: number }[] | undefined) =>
  (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((entry, i) => entry.candidateId === b![i].candidateId && entry.score === b![i].score);

/** The partners whose list is not the same in both (one side may have none), or whose stored ranks have a gap. */
const differingLists = (lists: ReadonlyMap<string, KennisdelenRanked[]>, stored: ReadonlyMap<string, StoredListEntry[]>): string[] =>
  [...new Set([...lists.keys(), ...stored.keys()])].filter((id) => !sameList(lists.get(id), stored.get(id)) || !ranksWithoutGap(stored.get(id) ?? []));

/**
 * The kennisdelen lists (the second purpose, knowledge exchange) of full runs and repairs.
 * All lists are ranked in well under a second at 10,000 partners (kennisdelen-ranking.ts), so
 * a run's shard ranks its rows at once; a repair ranks again only the lists a changed partner
 * owns, was in, or now enters (its score against every list's last place: scores are symmetric).
 * Both rank with the kennisdelen profile version the run was requested with.
 */
@Injectable()
export class KennisdelenListsService {
  private state: KennisdelenState | null = null;

  constructor(
    private readonly suggestions: SuggestionRepository,
    private readonly inputs: MatchInputsService,
    private readonly kennisdelenProfile: ActiveKennisdelenProfileService,
  ) {}

  /** The rows of these partners' lists, explained under the profile they were ranked with. */
  rows(
    runId: string,
    ids: readonly string[],
    lists: ReadonlyMap<string, KennisdelenRanked[]>,
    lookup: (id: string) => PartnerProfile | undefined,
    profile: KennisdelenProfile,
  ): KennisdelenRow[] {
    return listRows(runId, ids, lists, lookup, profile, (viewer, candidate, components) => ({ reasons: kennisdelenReasons(viewer, candidate, components, profile) }));
  }

  /**
   * `rows` with the reasons stored compact against the run's weights, no sentence rendered: what
   * a full run's shard writes (a reader renders them from the stored form, as every row's).
   */
  storedRows(
    runId: string,
    ids: readonly string[],
    lists: ReadonlyMap<string, KennisdelenRanked[]>,
    lookup: (id: string) => PartnerProfile | undefined,
    profile: KennisdelenProfile,
  ): StoredKennisdelenSuggestionRow[] {
    return listRows(runId, ids, lists, lookup, profile, (viewer, candidate, components) => ({
      storedReasons: kennisdelenReasonFacts(viewer, candidate, components, profile).map((facts) => storeKennisdelenFacts(facts, { components, weights: profile.weights })),
    }));
  }

  /** A shard's lists: everyone competes, only the shard's partners are ranked. */
  async rankShard(profiles: readonly PartnerProfile[], connections: readonly Connection[], only: readonly string[], profile: KennisdelenProfile): Promise<Map<string, KennisdelenRanked[]>> {
    const excluded = await this.inputs.kennisdelenExcluded();
    return rankKennisdelenLists(profiles, { profile, connections, excludedPairs: excluded.pairs, only });
  }

  /**
   * Brings the run's stored kennisdelen lists in line with the synced profiles, in the caller's
   * list-lock transaction; returns how many lists it wrote.
   */
  async repair(runId: string, synced: SyncedIndex, tx: Transaction, { compareAll = false } = {}): Promise<number> {
    const profile = await this.kennisdelenProfile.ofRun(runId, tx);
    const previous = this.state;
    let ids: string[];
    let state: KennisdelenState;
    const excluded = await this.inputs.kennisdelenExcluded(tx);
    const otherRun = previous !== null && previous.runId !== runId && !previous.fromSnapshot;
    const stale = !previous || otherRun || previous.index !== synced.index || previous.profile.version !== profile.version || previous.excludedDigest !== excluded.digest;
    if (stale || synced.rebuilt) {
      const { connections } = await this.inputs.pairsNeverSuggested(tx);
      const ranker = new KennisdelenRanker([...synced.profiles.values()], { profile, connections, excludedPairs: excluded.pairs });
      const lists = ranker.rank();
      ids = differingLists(lists, await this.suggestions.candidateLists(runId, tx, 'kennisdelen'));
      state = { runId, profile, index: synced.index, excludedDigest: excluded.digest, ranker, lists, floors: ranker.listFloors(lists), differing: new Set(), fromSnapshot: false };
    } else {
      // The lists a change can alter: the changed partners' own, those that held them (asked of
      // the ranker before it takes the changes) and those they now enter (after).
      const changed = [...synced.changedProfileIds];
      const affected = new Set(changed);
      const reach = (id: string) => {
        for (const viewer of previous.ranker.listsReachedBy(id, previous.floors)) affected.add(viewer);
      };
      changed.forEach(reach);
      previous.ranker.update(
        changed.flatMap((id) => synced.profiles.get(id) ?? []),
        changed.filter((id) => !synced.profiles.has(id)),
      );
      changed.forEach(reach);
      // A warmed state's differing lists were compared with the run active at its snapshot: the
      // same run's, or they say nothing about this one (as for the samenwerken index, whose
      // differing lists count only for the run they were compared with). Before the first run
      // there were no stored lists, so all differed: the first repair on a worker that did not
      // switch the run in rewrote every kennisdelen list in the lock (minutes at 100,000).
      // This run's lists are its switch-in repair's, and the changes since the snapshot are in `affected`.
      const differing = previous.runId === runId ? previous.differing : new Set<string>();
      for (const id of differing) affected.add(id);
      const recomputed = previous.ranker.rank([...affected]);
      // Changed in place: should the write fail, the next repair compares every list anew.
      const { lists, floors } = previous;
      ids = [];
      for (const id of affected) {
        const list = synced.profiles.has(id) ? (recomputed.get(id) ?? []) : undefined;
        if (!sameList(list, lists.get(id))) ids.push(id);
        if (list) lists.set(id, list);
        else lists.delete(id);
        floors.set(id, list);
      }
      const written = new Set(ids);
      for (const id of differing) if (!written.has(id)) ids.push(id);
      state = { ...previous, runId, lists, differing: new Set(), fromSnapshot: false };
      if (compareAll) {
        // A run switched in: its lists were ranked from the partners as they were. The kept
        // lists are as the partners are now (the changes since their snapshot taken above), so
        // comparing them with the stored ones is all it needs — not ranking every list again
        // in the lock (~9 s at 100,000).
        ids = differingLists(lists, await this.suggestions.candidateLists(runId, tx, 'kennisdelen'));
      }
    }
    await this.suggestions.replaceKennisdelenLists(runId, ids, this.rows(runId, ids, state.lists, (id) => synced.profiles.get(id), profile), tx);
    this.state = state;
    return ids.length;
  }

  /** Drops the kept lists, for a repair whose write failed after it changed them: the next one ranks every list anew. */
  forget(): void {
    this.state = null;
  }

  /**
   * What `warm` needs besides the partners and connections, read in the caller's snapshot: the
   * active run's profile, or before the first run the latest version (the one being scored).
   */
  async snapshotInputs(runId: string | null, tx: Transaction): Promise<Pick<KennisdelenSnapshot, 'profile' | 'excluded'>> {
    const profile = runId ? await this.kennisdelenProfile.ofRun(runId, tx) : await this.kennisdelenProfile.current(tx);
    return { profile, excluded: await this.inputs.kennisdelenExcluded(tx) };
  }

  /**
   * Ranks every list from a snapshot outside the list lock (when the samenwerken index is built
   * ahead of need, after a run) and notes which differ from the run's stored ones: the first
   * repair after a run then ranks only what the change alters, instead of every list in the lock.
   * Answers the adoption, for the caller to run when it adopts the index of the same snapshot;
   * a repair meanwhile has state of its own that is newer, and then nothing is adopted.
   */
  async warm(snapshot: KennisdelenSnapshot): Promise<() => void> {
    const before = this.state;
    const { runId, index, profile, connections, excluded } = snapshot;
    const ranker = new KennisdelenRanker([...snapshot.profiles.values()], { profile, connections, excludedPairs: excluded.pairs });
    const lists = ranker.rank();
    // Before the first run there are no stored lists: the run writes them as of its own snapshot.
    const stored = runId ? await this.suggestions.candidateLists(runId, undefined, 'kennisdelen') : new Map();
    const differing = new Set(differingLists(lists, stored));
    const warmed: KennisdelenState = { runId, profile, index, excludedDigest: excluded.digest, ranker, lists, floors: ranker.listFloors(lists), differing, fromSnapshot: true };
    return () => {
      if (this.state === before) this.state = warmed;
    };
  }
}
