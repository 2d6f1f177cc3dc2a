import {
  buildMatchContext,
  buildSuggestions,
  DEFAULT_MATCHING_PROFILE,
  pairKey,
  rankAllPairs,
  rankKennisdelen,
  type Connection,
  type KennisdelenProfile,
  type PartnerProfile,
} from '@app/matching';
import type { Client } from 'pg';

export interface ListEntry {
  candidateId: string;
  score: number;
}

export type Lists = Map<string, ListEntry[]>;

/** The matching core's answer, computed the way a shard job does; partners without a list are absent. */
export async function coreLists(profiles: readonly PartnerProfile[], connections: readonly Connection[]): Promise<Lists> {
  const options = { profile: DEFAULT_MATCHING_PROFILE, connections };
  // One thread: kernel worker threads would compile the TypeScript sources anew under ts-jest.
  const ranked = await rankAllPairs(profiles, { ...options, threads: 1 });
  const context = buildMatchContext(options);
  const byId = new Map(profiles.map((partner) => [partner.id, partner]));
  const lists: Lists = new Map();
  for (const viewer of profiles) {
    const suggestions = buildSuggestions(viewer, ranked.list(viewer.id), (id) => byId.get(id), context);
    if (suggestions.length > 0) lists.set(viewer.id, suggestions.map(({ candidateId, score }) => ({ candidateId, score })));
  }
  return lists;
}

/** The kennisdelen lists the reference (rankKennisdelen, one partner at a time) gives; partners without a list are absent. */
export function kennisdelenReferenceLists(
  profiles: readonly PartnerProfile[],
  connections: readonly Connection[],
  { excludedPairs = [], profile }: { excludedPairs?: readonly Connection[]; profile?: KennisdelenProfile } = {},
): Lists {
  const lists: Lists = new Map();
  for (const viewer of profiles) {
    const list = rankKennisdelen(viewer, profiles, { connections, excludedPairs, profile });
    if (list.length > 0) lists.set(viewer.id, list.map(({ candidateId, score }) => ({ candidateId, score })));
  }
  return lists;
}

export function rowCount(lists: Map<string, unknown[]>): number {
  return [...lists.values()].reduce((sum, list) => sum + list.length, 0);
}

export interface StoredRow extends ListEntry {
  rank: number;
}

export interface StoredLists {
  runId: string | null;
  lists: Map<string, StoredRow[]>;
  /** Rows of the `suggestion` table in any run, to see leftovers of other runs. */
  rowsInTable: number;
}

/** The lists readers see: the active run's rows of one purpose, in rank order. */
export async function storedLists(client: Client, purpose: 'samenwerken' | 'kennisdelen' = 'samenwerken'): Promise<StoredLists> {
  const { rows: state } = await client.query(`SELECT value->>'runId' AS "runId" FROM system_state WHERE key = 'active-run'`);
  const runId: string | null = state[0]?.runId ?? null;
  const { rows } = await client.query(
    `SELECT partner_id AS "partnerId", rank, candidate_id AS "candidateId", score FROM suggestion WHERE run_id = $1 AND purpose = $2 ORDER BY partner_id, rank`,
    [runId, purpose],
  );
  const lists = new Map<string, StoredRow[]>();
  for (const { partnerId, ...row } of rows) {
    const list = lists.get(partnerId) ?? [];
    list.push(row);
    lists.set(partnerId, list);
  }
  const { rows: counted } = await client.query(`SELECT count(*)::int AS count FROM suggestion WHERE purpose = $1`, [purpose]);
  return { runId, lists, rowsInTable: counted[0].count };
}

/** Partners whose stored ranks are not exactly 1..n. */
export function brokenRankings(lists: Map<string, StoredRow[]>): string[] {
  return [...lists].filter(([, list]) => list.some((row, index) => row.rank !== index + 1)).map(([partnerId]) => partnerId);
}

/** Same candidates in the same order, scores within 1e-9. */
function sameList(a: readonly ListEntry[], b: readonly ListEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.candidateId === b[index].candidateId && Math.abs(entry.score - b[index].score) < 1e-9);
}

/** Partners whose list is not the same in both. */
export function differingLists(actual: Map<string, ListEntry[]>, expected: Lists): string[] {
  return [...new Set([...actual.keys(), ...expected.keys()])].filter((id) => !sameList(actual.get(id) ?? [], expected.get(id) ?? []));
}

/** Where two sets of lists differ, described for a failure message: empty when they agree. */
export function listDifferences(actual: Map<string, ListEntry[]>, expected: Lists, shown = 5): string[] {
  const differing = differingLists(actual, expected);
  const brief = (list: ListEntry[] | undefined) => (list ?? []).map((entry) => `${entry.candidateId.slice(0, 8)}:${entry.score.toFixed(12)}`).join(' ');
  const described = differing.slice(0, shown).map((id) => `${id}\n  expected ${brief(expected.get(id))}\n  actual   ${brief(actual.get(id))}`);
  return differing.length > shown ? [...described, `… and ${differing.length - shown} more of ${differing.length} differing lists`] : described;
}

/** Why `candidate` may not be in `viewer`'s list, or null when it may. */
export function exclusionOf(viewer: PartnerProfile, candidate: PartnerProfile | undefined, connected: ReadonlySet<string>): string | null {
  if (!candidate) return 'unknown partner';
  if (candidate.id === viewer.id) return 'self';
  if (candidate.matchingOptOut) return 'opted out';
  if (connected.has(pairKey(viewer.id, candidate.id))) return 'already connected';
  return null;
}

