import type { MatchingFields } from '@app/persistence';
import {
  buildSuggestionFacts,
  nearestGemeenten,
  storeExplainedFacts,
  type ComponentName,
  type MatchContext,
  type PartnerProfile,
  type RankedCandidate,
  type Suggestion,
  type SuggestionFacts,
} from '@app/matching';
import type { StoredSuggestionRow, SuggestionRow } from '@app/persistence';

/** The core's view of a stored partner. */
export function toPartnerProfile(partner: MatchingFields): PartnerProfile {
  return {
    id: partner.id,
    sector: partner.sector,
    scope: partner.scope,
    gemeenten: partner.gemeenten,
    leefdomeinen: partner.leefdomeinen,
    opgaven: partner.opgaven,
    kennisbronnen: partner.kennisbronnen,
    verandertheorie: partner.verandertheorie,
    offers: partner.offers,
    needs: partner.needs,
    matchingOptOut: partner.matchingOptOut,
  };
}

/** A row of one run for a suggestion, without its reasons. */
function rowOf(runId: string, viewer: PartnerProfile, suggestion: Omit<Suggestion, 'reasons'>, lookup: (id: string) => PartnerProfile | undefined, profileVersion: number) {
  const candidate = lookup(suggestion.candidateId);
  const nearest = candidate ? nearestGemeenten(viewer, candidate) : undefined;
  return {
    runId,
    partnerId: viewer.id,
    rank: suggestion.rank,
    candidateId: suggestion.candidateId,
    score: suggestion.score,
    distanceKm: nearest ? Math.round(nearest.km * 10) / 10 : null,
    components: suggestion.components,
    profileVersion,
  };
}

/** A partner's computed list as rows of one run. */
export function toSuggestionRows(
  runId: string,
  viewer: PartnerProfile,
  suggestions: readonly Suggestion[],
  lookup: (id: string) => PartnerProfile | undefined,
  profileVersion: number,
): SuggestionRow[] {
  return suggestions.map((suggestion) => ({ ...rowOf(runId, viewer, suggestion, lookup, profileVersion), reasons: suggestion.reasons }));
}

/**
 * A partner's list explained as facts, as rows of one run with their reasons stored compact
 * against the run's weights: what a full run writes, without rendering a sentence (a reader
 * renders them from the stored form, as it does every row's).
 */
export function toStoredSuggestionRows(
  runId: string,
  viewer: PartnerProfile,
  suggestions: readonly SuggestionFacts[],
  lookup: (id: string) => PartnerProfile | undefined,
  profileVersion: number,
  weights: Record<ComponentName, number>,
): StoredSuggestionRow[] {
  return suggestions.map((suggestion) => {
    const row = rowOf(runId, viewer, suggestion, lookup, profileVersion);
    return { ...row, storedReasons: suggestion.reasons.map((facts) => storeExplainedFacts(facts, { ...row, weights })) };
  });
}

/**
 * A ranked list as rows of one run, explained as facts and stored compact against the weights
 * of the run's partition (`weights`): what a full run's shard and a repair write alike, no
 * sentence rendered.
 */
export function rankedListRows(
  runId: string,
  viewer: PartnerProfile,
  ranked: readonly RankedCandidate[],
  lookup: (id: string) => PartnerProfile | undefined,
  context: MatchContext,
  { profileVersion, weights }: { profileVersion: number; weights: Record<ComponentName, number> },
): StoredSuggestionRow[] {
  return toStoredSuggestionRows(runId, viewer, buildSuggestionFacts(viewer, ranked, lookup, context), lookup, profileVersion, weights);
}
