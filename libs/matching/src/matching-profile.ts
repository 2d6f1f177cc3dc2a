import { SECTOR_CODES } from '@app/taxonomy';
import { COMPONENT_NAMES, ComponentName } from './types';

/**
 * The project team's tunable, versioned matching settings. A stored profile is
 * checked with `validateMatchingProfile` before it is used.
 */
export interface MatchingProfile {
  version: number;
  /** Relative weights (≥ 0, not all 0); the score is Σ wᵢ·cᵢ / Σ wᵢ. */
  weights: Record<ComponentName, number>;
  /** sector × sector affinity in [0, 1]; complete over SECTOR_CODES and symmetric. */
  sectorAffinity: Record<string, Record<string, number>>;
  /** Distance in km at which the region component of two local partners halves. */
  regionHalfDistanceKm: number;
  /** Region component of any pair with a national partner. */
  nationalReach: number;
  /** Floor of the region component for a pair with a regional (and no national) partner. */
  regionalReach?: number;
  /** Part of the leefdomeinen component that rewards covering many domains together, in [0, 1]. */
  leefdomeinenCoverage?: number;
  /** Length of each partner's suggestion list. */
  k: number;
  /** Strength of the sector-diversity re-rank in [0, 1]; 0 = off. */
  diversity: number;
  /**
   * Fair exposure: at most this many of all lists' top-five places for one candidate
   * (fair-exposure.ts); null or absent = no cap.
   */
  maxTopPlaces?: number | null;
  /**
   * Capacity: a candidate with this many open introductions (status `introduced`) or more is
   * placed last in other partners' lists until one closes; null or absent = no limit.
   */
  maxOpenIntroductions?: number | null;
}

/** Upper bound of the two fair-exposure counts (a bound keeps the settings meaningful, not a product limit). */
export const MAX_FAIR_EXPOSURE_COUNT = 1_000_000;

// Low: a regional partner reaches its own region, not the whole country (a floor of 0.25
// put far-away regional partners in local lists in the demo data).
export const DEFAULT_REGIONAL_REACH = 0.1;
export const DEFAULT_LEEFDOMEINEN_COVERAGE = 0.5;

type SectorPair = [string, string, number];

// Cross-sector pairs score high, the alliance's favourite combinations highest;
// same-sector pairs low (gemeenten still learn from each other a little).
const AFFINITY_PAIRS: SectorPair[] = [
  ['gemeente', 'maatschappelijke-organisatie', 0.95],
  ['gemeente', 'onderwijs', 0.85],
  ['gemeente', 'jeugdgezondheidszorg', 0.85],
  ['gemeente', 'bedrijfsleven', 0.8],
  ['gemeente', 'kennisinstelling', 0.75],
  ['gemeente', 'rijksoverheid', 0.7],
  ['gemeente', 'brancheorganisatie', 0.5],
  ['onderwijs', 'maatschappelijke-organisatie', 0.9],
  ['onderwijs', 'jeugdgezondheidszorg', 0.9],
  ['onderwijs', 'bedrijfsleven', 0.85],
  ['onderwijs', 'kennisinstelling', 0.7],
  ['onderwijs', 'brancheorganisatie', 0.6],
  ['onderwijs', 'rijksoverheid', 0.5],
  ['maatschappelijke-organisatie', 'bedrijfsleven', 0.9],
  ['maatschappelijke-organisatie', 'jeugdgezondheidszorg', 0.85],
  ['maatschappelijke-organisatie', 'kennisinstelling', 0.7],
  ['maatschappelijke-organisatie', 'brancheorganisatie', 0.6],
  ['maatschappelijke-organisatie', 'rijksoverheid', 0.6],
  ['jeugdgezondheidszorg', 'kennisinstelling', 0.75],
  ['jeugdgezondheidszorg', 'bedrijfsleven', 0.6],
  ['jeugdgezondheidszorg', 'brancheorganisatie', 0.5],
  ['jeugdgezondheidszorg', 'rijksoverheid', 0.5],
  ['bedrijfsleven', 'kennisinstelling', 0.6],
  ['bedrijfsleven', 'brancheorganisatie', 0.55],
  ['bedrijfsleven', 'rijksoverheid', 0.5],
  ['kennisinstelling', 'rijksoverheid', 0.7],
  ['kennisinstelling', 'brancheorganisatie', 0.6],
  ['brancheorganisatie', 'rijksoverheid', 0.6],
  ['gemeente', 'gemeente', 0.3],
  ['rijksoverheid', 'rijksoverheid', 0.1],
];

function defaultAffinity(): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const a of SECTOR_CODES) {
    table[a] = {};
    for (const b of SECTOR_CODES) table[a][b] = a === b ? 0.2 : 0.7;
  }
  for (const [a, b, value] of AFFINITY_PAIRS) table[a][b] = table[b][a] = value;
  return table;
}

/** The profile used until the team saves its own. */
export const DEFAULT_MATCHING_PROFILE: MatchingProfile = {
  version: 1,
  weights: { opgaven: 0.3, leefdomeinen: 0.1, sector: 0.1, region: 0.3, reciprocity: 0.1, network: 0.1 },
  sectorAffinity: defaultAffinity(),
  regionHalfDistanceKm: 8,
  nationalReach: 0.25,
  regionalReach: DEFAULT_REGIONAL_REACH,
  leefdomeinenCoverage: DEFAULT_LEEFDOMEINEN_COVERAGE,
  k: 20,
  diversity: 0.2,
};

/** A problem with a matching profile, naming the field (e.g. `weights.region`). */
export interface ProfileError {
  field: string;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a (possibly untrusted) matching profile. Returns `[]` when it is valid,
 * otherwise one entry per problem, each naming the field, e.g.
 * `{ field: 'sectorAffinity.gemeente.onderwijs', message: 'must be a number between 0 and 1' }`.
 */
export function validateMatchingProfile(p: unknown): ProfileError[] {
  const errors: ProfileError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isRecord(p)) return [{ field: '', message: 'must be an object' }];

  if (!Number.isInteger(p.version) || (p.version as number) < 1) fail('version', 'must be a positive integer');

  if (!isRecord(p.weights)) {
    fail('weights', 'must be an object with a weight per component');
  } else {
    const weights = p.weights;
    for (const name of COMPONENT_NAMES) {
      if (!isNumber(weights[name]) || weights[name] < 0) fail(`weights.${name}`, 'must be a number ≥ 0');
    }
    for (const key of Object.keys(weights)) {
      if (!(COMPONENT_NAMES as readonly string[]).includes(key)) fail(`weights.${key}`, `is not a component (use ${COMPONENT_NAMES.join(', ')})`);
    }
    if (COMPONENT_NAMES.every((name) => isNumber(weights[name]) && weights[name] === 0)) {
      fail('weights', 'must not all be 0');
    }
  }

  if (!isRecord(p.sectorAffinity)) {
    fail('sectorAffinity', 'must be a sector × sector table');
  } else {
    const table = p.sectorAffinity;
    for (const key of Object.keys(table)) {
      if (!SECTOR_CODES.includes(key)) fail(`sectorAffinity.${key}`, 'is not a sector code');
    }
    for (const a of SECTOR_CODES) {
      const row = table[a];
      if (!isRecord(row)) {
        fail(`sectorAffinity.${a}`, 'is missing');
        continue;
      }
      for (const key of Object.keys(row)) {
        if (!SECTOR_CODES.includes(key)) fail(`sectorAffinity.${a}.${key}`, 'is not a sector code');
      }
      for (const b of SECTOR_CODES) {
        const value = row[b];
        if (!isNumber(value) || value < 0 || value > 1) {
          fail(`sectorAffinity.${a}.${b}`, value === undefined ? 'is missing' : 'must be a number between 0 and 1');
        } else if (a < b && isRecord(table[b]) && isNumber(table[b][a]) && table[b][a] !== value) {
          fail(`sectorAffinity.${a}.${b}`, `must equal sectorAffinity.${b}.${a} (the table is symmetric)`);
        }
      }
    }
  }

  if (!isNumber(p.regionHalfDistanceKm) || p.regionHalfDistanceKm <= 0) fail('regionHalfDistanceKm', 'must be a number > 0');
  const unit = (field: string, optional: boolean) => {
    const value = p[field];
    if (optional && value === undefined) return;
    if (!isNumber(value) || value < 0 || value > 1) fail(field, 'must be a number between 0 and 1');
  };
  unit('nationalReach', false);
  unit('regionalReach', true);
  unit('leefdomeinenCoverage', true);
  unit('diversity', false);
  if (!Number.isInteger(p.k) || (p.k as number) < 1 || (p.k as number) > 200) fail('k', 'must be an integer from 1 to 200');
  for (const field of ['maxTopPlaces', 'maxOpenIntroductions']) {
    const value = p[field];
    if (value === undefined || value === null) continue;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_FAIR_EXPOSURE_COUNT) {
      fail(field, `must be null or an integer from 1 to ${MAX_FAIR_EXPOSURE_COUNT}`);
    }
  }
  return errors;
}

/** Throws a readable error when the profile is invalid; the core never scores with a bad profile. */
export function assertValidMatchingProfile(p: MatchingProfile): void {
  const errors = validateMatchingProfile(p);
  if (errors.length > 0) {
    throw new Error(`Invalid matching profile: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
}

/** Σ wᵢ in component order; kernel and reference share it so their scores agree to the bit. */
export function weightSum(p: MatchingProfile): number {
  let sum = 0;
  for (const name of COMPONENT_NAMES) sum += p.weights[name];
  return sum;
}

/** How many candidates a list is chosen from: deeper when diversity may re-rank. */
export function poolDepth(p: MatchingProfile): number {
  return p.diversity > 0 ? p.k * 2 : p.k;
}
