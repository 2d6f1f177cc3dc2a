import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import type { PartnerProfile } from './types';

/** The fields coverage reads. */
export type CoverageProfile = Pick<PartnerProfile, 'sector' | 'scope' | 'gemeenten' | 'leefdomeinen' | 'opgaven' | 'matchingOptOut'>;

/** How many partners cover one taxonomy code. */
export interface CodeCount {
  code: string;
  count: number;
}

/** For a set of partners: per leefdomein, opgave and sector (every code, in taxonomy order) how many cover it. */
export interface Coverage {
  partners: number;
  leefdomeinen: CodeCount[];
  opgaven: CodeCount[];
  sectors: CodeCount[];
}

/** Taxonomy codes per list. */
export interface CodeLists {
  leefdomeinen: string[];
  opgaven: string[];
  sectors: string[];
}

/** What the local and regional partners of one gemeente cover and leave uncovered. */
export interface GemeenteGaps {
  gemeente: string;
  coverage: Coverage;
  /** The codes no partner of the gemeente covers. */
  uncovered: CodeLists;
  /** How many leefdomeinen, opgaven and sectors are uncovered together. */
  missing: number;
}

function countCodes(universe: readonly string[], partners: readonly CoverageProfile[], codesOf: (p: CoverageProfile) => readonly string[]): CodeCount[] {
  const counts = new Map(universe.map((code) => [code, 0]));
  for (const partner of partners) {
    for (const code of new Set(codesOf(partner))) {
      const count = counts.get(code);
      if (count !== undefined) counts.set(code, count + 1);
    }
  }
  return universe.map((code) => ({ code, count: counts.get(code)! }));
}

/** Counts, per code, the partners covering it. Takes the partners as given: filter first. */
export function coverageOf(partners: readonly CoverageProfile[]): Coverage {
  return {
    partners: partners.length,
    leefdomeinen: countCodes(LEEFDOMEIN_CODES, partners, (p) => p.leefdomeinen),
    opgaven: countCodes(OPGAVE_CODES, partners, (p) => p.opgaven),
    sectors: countCodes(SECTOR_CODES, partners, (p) => [p.sector]),
  };
}

const uncoveredOf = (counts: readonly CodeCount[]) => counts.filter((entry) => entry.count === 0).map((entry) => entry.code);

function gapsFrom(gemeente: string, partners: readonly CoverageProfile[]): GemeenteGaps {
  const coverage = coverageOf(partners);
  const uncovered = { leefdomeinen: uncoveredOf(coverage.leefdomeinen), opgaven: uncoveredOf(coverage.opgaven), sectors: uncoveredOf(coverage.sectors) };
  return { gemeente, coverage, uncovered, missing: uncovered.leefdomeinen.length + uncovered.opgaven.length + uncovered.sectors.length };
}

const takesPart = (partner: CoverageProfile) => !partner.matchingOptOut;
const isLocal = (partner: CoverageProfile) => partner.scope !== 'national' && takesPart(partner);

/**
 * The gaps of one gemeente: coverage by the local and regional partners that list it and take
 * part in matching (opt-out is honoured here too). National partners work everywhere, so they
 * are left out here and counted once by `nationalCoverage`.
 */
export function gemeenteGaps(gemeente: string, partners: readonly CoverageProfile[]): GemeenteGaps {
  return gapsFrom(gemeente, partners.filter((partner) => isLocal(partner) && partner.gemeenten.includes(gemeente)));
}

/** Coverage by the national partners that take part in matching: the same for every gemeente. */
export function nationalCoverage(partners: readonly CoverageProfile[]): Coverage {
  return coverageOf(partners.filter((partner) => partner.scope === 'national' && takesPart(partner)));
}

/** Most missing first; then fewer partners (less to build on); then by code, so the order is stable. */
export function compareGaps(x: GemeenteGaps, y: GemeenteGaps): number {
  if (x.missing !== y.missing) return y.missing - x.missing;
  if (x.coverage.partners !== y.coverage.partners) return x.coverage.partners - y.coverage.partners;
  return x.gemeente < y.gemeente ? -1 : x.gemeente > y.gemeente ? 1 : 0;
}

/**
 * `gemeenteGaps` for each of `gemeenten`, ranked by `compareGaps`. Indexes the partners by
 * gemeente once, so the cost is linear in partners × gemeenten listed, not partners × gemeenten.
 */
export function rankGemeentenByGaps(gemeenten: readonly string[], partners: readonly CoverageProfile[]): GemeenteGaps[] {
  const wanted = new Set(gemeenten);
  const byGemeente = new Map<string, CoverageProfile[]>(gemeenten.map((code) => [code, []]));
  for (const partner of partners) {
    if (!isLocal(partner)) continue;
    for (const code of new Set(partner.gemeenten)) if (wanted.has(code)) byGemeente.get(code)!.push(partner);
  }
  return [...byGemeente].map(([code, local]) => gapsFrom(code, local)).sort(compareGaps);
}
