import { nearestGemeenten } from './components';
import { buildSuggestions } from './reasons';
import { buildMatchContext, isSuggestable, referenceList, type MatchOptions } from './reference-scorer';
import type { PartnerProfile, Suggestion } from './types';

/** What a reader may ask of a partner's candidates: the filters of a suggestion list. */
export interface CandidateFilter {
  sector?: string;
  opgave?: string;
  leefdomein?: string;
  /**
   * Only candidates at most this far (nearest gemeenten). A pair without a distance — either
   * works nationally, or has no known gemeente — passes: a national partner works everywhere.
   */
  maxDistanceKm?: number;
  /** false: leave out candidates with scope `national`. Default true. */
  includeNational?: boolean;
}

/** Whether a filter asks anything of the candidates (an empty one is the stored list). */
export function filtersCandidates(filter: CandidateFilter): boolean {
  return (
    filter.sector !== undefined ||
    filter.opgave !== undefined ||
    filter.leefdomein !== undefined ||
    filter.maxDistanceKm !== undefined ||
    filter.includeNational === false
  );
}

/** The distance a stored suggestion carries: nearest gemeenten to 0.1 km, null without one. */
export function pairDistanceKm(viewer: PartnerProfile, candidate: PartnerProfile): number | null {
  const nearest = nearestGemeenten(viewer, candidate);
  return nearest ? Math.round(nearest.km * 10) / 10 : null;
}

/** Whether a candidate passes a filter, judged as the stored lists' filters judge their rows. */
export function passesFilter(viewer: PartnerProfile, candidate: PartnerProfile, filter: CandidateFilter): boolean {
  if (filter.sector !== undefined && candidate.sector !== filter.sector) return false;
  if (filter.opgave !== undefined && !candidate.opgaven.includes(filter.opgave)) return false;
  if (filter.leefdomein !== undefined && !candidate.leefdomeinen.includes(filter.leefdomein)) return false;
  if (filter.includeNational === false && candidate.scope === 'national') return false;
  if (filter.maxDistanceKm !== undefined) {
    const km = pairDistanceKm(viewer, candidate);
    if (km !== null && km > filter.maxDistanceKm) return false;
  }
  return true;
}

export interface FilteredListInput {
  viewerId: string;
  /** Every partner, as a run ranks them (opted-out ones included: they are never suggested). */
  profiles: readonly PartnerProfile[];
  options: MatchOptions;
  filter: CandidateFilter;
}

export interface FilteredSuggestion extends Suggestion {
  distanceKm: number | null;
}

export interface FilteredList {
  /** Best first, at most the profile's k, diversified and explained as a run's list is. */
  suggestions: FilteredSuggestion[];
  /** How many candidates passed the filter and were scored: how deep the list looked. */
  searchedCandidates: number;
}

/**
 * One partner's list among the candidates that pass a filter, ranked on demand: every
 * suggestable candidate passing it is scored, the profile's pool taken and re-ranked for
 * sector diversity, and explained — the list a run would store if these were all the
 * candidates there are. So a filtered list is as long as an unfiltered one whenever k
 * candidates pass, where filtering the stored top k found only the few inside it.
 */
export function rankFilteredList({ viewerId, profiles, options, filter }: FilteredListInput): FilteredList {
  const viewer = profiles.find((profile) => profile.id === viewerId);
  if (!viewer || viewer.matchingOptOut) return { suggestions: [], searchedCandidates: 0 };
  const context = buildMatchContext(options);
  const candidates = profiles.filter((candidate) => isSuggestable(viewer, candidate, context) && passesFilter(viewer, candidate, filter));
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const lookup = (id: string) => byId.get(id);
  const suggestions = buildSuggestions(viewer, referenceList(viewer, candidates, context), lookup, context).map((suggestion) => ({
    ...suggestion,
    distanceKm: pairDistanceKm(viewer, byId.get(suggestion.candidateId)!),
  }));
  return { suggestions, searchedCandidates: candidates.length };
}
