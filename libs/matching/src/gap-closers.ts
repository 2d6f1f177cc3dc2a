import { LEEFDOMEIN_CODES, OPGAVE_CODES, type Scope } from '@app/taxonomy';
import { coalitionArea, COALITION_NEAR_KM } from './coalitions';
import { gemeenteDistanceKm } from './components';
import { gapCloserReasons } from './gap-closer-reasons';
import { gemeenteGaps, type CoverageProfile } from './gaps';
import type { Sentence } from './reasons';

/** The fields ranking gap-closers reads. */
export type GapCloserProfile = CoverageProfile & { id: string };

/** A partner that would cover some of a gemeente's uncovered leefdomeinen and opgaven. */
export interface GapCloser {
  partnerId: string;
  scope: Scope;
  /** The uncovered codes it works on, in taxonomy order. */
  covers: { leefdomeinen: string[]; opgaven: string[] };
  /** Leefdomeinen and opgaven it covers together: the ranking key. */
  count: number;
  /** From its nearest gemeente to this one; null for a national partner. */
  distanceKm: number | null;
  nearestGemeente: string | null;
  reasons: Sentence[];
}

export interface GapClosers {
  gemeente: string;
  /** What the local and regional partners listing the gemeente leave uncovered (as `gemeenteGaps`). */
  uncovered: { leefdomeinen: string[]; opgaven: string[] };
  /** Partners considered: nearby local and regional ones and national ones taking part in matching. */
  candidates: number;
  /** Those covering at least one uncovered code, best first. */
  closers: GapCloser[];
}

const inOrder = (universe: readonly string[], wanted: ReadonlySet<string>, codes: readonly string[]) => universe.filter((code) => wanted.has(code) && codes.includes(code));

function nearest(gemeente: string, partner: GapCloserProfile): { gemeente: string; km: number } | null {
  let best: { gemeente: string; km: number } | null = null;
  for (const code of partner.gemeenten) {
    const km = gemeenteDistanceKm(code, gemeente);
    if (km !== undefined && (best === null || km < best.km)) best = { gemeente: code, km };
  }
  return best;
}

/**
 * Partners that would close a gemeente's gaps, ranked. The gaps are those of `gemeenteGaps`:
 * leefdomeinen and opgaven no local or regional partner listing the gemeente covers. Candidates
 * are the partners taking part in matching that do not list it: local and regional ones working
 * in a neighbour or within `maxDistanceKm` (they can reach the gemeente), and national ones
 * (they work everywhere, yet no local partner covers these codes there).
 *
 * Ranked by how many uncovered leefdomeinen and opgaven a partner works on, together (a partner
 * covering none is left out); ties: local and regional before national (they are at hand), then
 * nearer, then by id, so the order is stable.
 */
export function rankGapClosers(gemeente: string, partners: readonly GapCloserProfile[], options: { maxDistanceKm?: number } = {}): GapClosers {
  const { uncovered } = gemeenteGaps(gemeente, partners);
  const area = new Set(coalitionArea(gemeente, options.maxDistanceKm ?? COALITION_NEAR_KM));
  const openDomains = new Set(uncovered.leefdomeinen);
  const openOpgaven = new Set(uncovered.opgaven);
  const seen = new Set<string>();
  let candidates = 0;
  const closers: GapCloser[] = [];
  for (const partner of partners) {
    if (partner.matchingOptOut || seen.has(partner.id)) continue;
    const national = partner.scope === 'national';
    if (!national && (partner.gemeenten.includes(gemeente) || !partner.gemeenten.some((code) => area.has(code)))) continue;
    seen.add(partner.id);
    candidates++;
    const covers = { leefdomeinen: inOrder(LEEFDOMEIN_CODES, openDomains, partner.leefdomeinen), opgaven: inOrder(OPGAVE_CODES, openOpgaven, partner.opgaven) };
    const count = covers.leefdomeinen.length + covers.opgaven.length;
    if (count === 0) continue;
    const near = national ? null : nearest(gemeente, partner);
    const distanceKm = near ? Math.round(near.km * 10) / 10 : null;
    const facts = { scope: partner.scope, covers, count, distanceKm, nearestGemeente: near?.gemeente ?? null };
    closers.push({ partnerId: partner.id, ...facts, reasons: gapCloserReasons(gemeente, facts, uncovered.leefdomeinen.length + uncovered.opgaven.length) });
  }
  closers.sort(compareGapClosers);
  return { gemeente, uncovered: { leefdomeinen: uncovered.leefdomeinen, opgaven: uncovered.opgaven }, candidates, closers };
}

/** More covered first; then local and regional before national; then nearer; then by id. */
export function compareGapClosers(x: GapCloser, y: GapCloser): number {
  if (x.count !== y.count) return y.count - x.count;
  const xNational = x.distanceKm === null ? 1 : 0;
  const yNational = y.distanceKm === null ? 1 : 0;
  if (xNational !== yNational) return xNational - yNational;
  if (x.distanceKm !== null && y.distanceKm !== null && x.distanceKm !== y.distanceKm) return x.distanceKm - y.distanceKm;
  return x.partnerId < y.partnerId ? -1 : x.partnerId > y.partnerId ? 1 : 0;
}
