import { findGemeente, LEEFDOMEIN_CODES } from '@app/taxonomy';
import { DEFAULT_LEEFDOMEINEN_COVERAGE, DEFAULT_REGIONAL_REACH, MatchingProfile } from './matching-profile';
import type { PartnerProfile } from './types';

// Bound once: inside Jest's sandbox every global lookup is slow.
const { asin, cos, max, min, pow, sin, sqrt, PI } = Math;
const EARTH_RADIUS_KM = 6371;
const RADIANS = PI / 180;

/** Great-circle distance in km between two WGS84 points. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLon = (lon2 - lon1) * RADIANS;
  const h = sin(dLat / 2) ** 2 + cos(lat1 * RADIANS) * cos(lat2 * RADIANS) * sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * asin(min(1, sqrt(h)));
}

/** Distance between the centroids of two gemeenten in km, `undefined` for an unknown code. */
export function gemeenteDistanceKm(codeA: string, codeB: string): number | undefined {
  if (codeA === codeB) return findGemeente(codeA) ? 0 : undefined;
  // A fixed argument order makes the distance exactly symmetric, to the last bit.
  const a = findGemeente(codeA < codeB ? codeA : codeB);
  const b = findGemeente(codeA < codeB ? codeB : codeA);
  return a && b ? haversineKm(a.lat, a.lon, b.lat, b.lon) : undefined;
}

/** 2^(−d/h): 1 at distance 0, ½ at the half-distance, ¼ at twice it. */
export function distanceDecay(distanceKm: number, halfDistanceKm: number): number {
  return pow(2, -distanceKm / halfDistanceKm);
}

/** The profile's settings with optional fields resolved, as the scorers use them. */
export interface ResolvedSettings {
  halfDistanceKm: number;
  nationalReach: number;
  regionalReach: number;
  leefdomeinenCoverage: number;
}

export function resolveSettings(profile: MatchingProfile): ResolvedSettings {
  return {
    halfDistanceKm: profile.regionHalfDistanceKm,
    nationalReach: profile.nationalReach,
    regionalReach: profile.regionalReach ?? DEFAULT_REGIONAL_REACH,
    leefdomeinenCoverage: profile.leefdomeinenCoverage ?? DEFAULT_LEEFDOMEINEN_COVERAGE,
  };
}

/**
 * Nearest pair of gemeenten of two partners: the codes and the centroid distance in km
 * (0 when they share a gemeente). `undefined` when either has no known gemeente.
 */
export function nearestGemeenten(a: PartnerProfile, b: PartnerProfile): { a: string; b: string; km: number } | undefined {
  let best: { a: string; b: string; km: number } | undefined;
  for (const ga of a.gemeenten) {
    for (const gb of b.gemeenten) {
      const km = gemeenteDistanceKm(ga, gb);
      if (km !== undefined && (best === undefined || km < best.km)) best = { a: ga, b: gb, km };
    }
  }
  return best;
}

/**
 * Region component in [0, 1]:
 * - a pair with a national partner scores `nationalReach` (they reach everyone equally);
 * - otherwise d = distance between the nearest pair of gemeente centroids of the two
 *   (0 when they share a gemeente) and the score is 2^(−d / regionHalfDistanceKm);
 * - when one of them is regional it is at least `regionalReach`, since a regional partner
 *   works across a wider area than its listed gemeenten suggest;
 * - a local or regional partner without a known gemeente scores 0 with everyone but national partners.
 */
export function regionComponent(a: PartnerProfile, b: PartnerProfile, settings: ResolvedSettings): number {
  if (a.scope === 'national' || b.scope === 'national') return settings.nationalReach;
  const nearest = nearestGemeenten(a, b);
  if (!nearest) return 0;
  const decay = distanceDecay(nearest.km, settings.halfDistanceKm);
  if (a.scope === 'regional' || b.scope === 'regional') return max(decay, settings.regionalReach);
  return decay;
}

/** The number of leefdomeinen in the taxonomy: the coverage part divides by it. */
export const LEEFDOMEIN_COUNT = LEEFDOMEIN_CODES.length;
