import { runAnalysis } from './analysis-thread';
import { filtersCandidates, pairDistanceKm, passesFilter, rankFilteredList, type CandidateFilter } from './filtered-list';
import { rankAllPairsSync } from './kernel';
import { DEFAULT_MATCHING_PROFILE, type MatchingProfile } from './matching-profile';
import { buildSuggestions } from './reasons';
import { buildMatchContext, isSuggestable } from './reference-scorer';
import { generateSyntheticConnections, generateSyntheticProfiles } from './synthetic';
import type { Connection, PartnerProfile } from './types';

const profiles = generateSyntheticProfiles({ count: 600, seed: 31 });
const connections = generateSyntheticConnections(profiles, { seed: 32, perPartner: 3 });
const excludedPairs: Connection[] = Array.from({ length: 80 }, (_, i) => ({ a: profiles[i].id, b: profiles[(i * 17 + 5) % 600].id }));
const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.1 }, k: 20, diversity: 0.3 };
const options = { profile, connections, excludedPairs };
const byId = new Map(profiles.map((partner) => [partner.id, partner]));
const localViewers = profiles.filter((partner) => partner.scope === 'local' && !partner.matchingOptOut).slice(0, 12);
const nearBusiness: CandidateFilter = { sector: 'bedrijfsleven', maxDistanceKm: 25 };

/** The run's list of `viewer` if `candidates` were every partner there is: the kernel, not the on-demand code. */
function kernelListAmong(viewer: PartnerProfile, candidates: readonly PartnerProfile[]) {
  const lists = rankAllPairsSync([viewer, ...candidates.filter((candidate) => candidate.id !== viewer.id)], options);
  return lists.list(viewer.id);
}

describe('a filtered list ranked on demand', () => {
  it('is the run\'s list when nothing is filtered (same candidates, ranks, scores, reasons)', () => {
    const run = rankAllPairsSync(profiles, options);
    const context = buildMatchContext(options);
    for (const viewer of localViewers) {
      const stored = buildSuggestions(viewer, run.list(viewer.id), (id) => byId.get(id), context);
      const { suggestions } = rankFilteredList({ viewerId: viewer.id, profiles, options, filter: {} });
      expect(suggestions.map((s) => [s.candidateId, s.rank])).toEqual(stored.map((s) => [s.candidateId, s.rank]));
      suggestions.forEach((suggestion, index) => {
        expect(suggestion.score).toBeCloseTo(stored[index].score, 12);
        expect(suggestion.reasons.map((reason) => reason.code)).toEqual(stored[index].reasons.map((reason) => reason.code));
      });
    }
  });

  it('ranks and scores the filtered candidates as the kernel ranks them when they are all there is', () => {
    let compared = 0;
    for (const viewer of localViewers) {
      const passing = profiles.filter((candidate) => candidate.id !== viewer.id && passesFilter(viewer, candidate, nearBusiness));
      const expected = kernelListAmong(viewer, passing);
      const { suggestions, searchedCandidates } = rankFilteredList({ viewerId: viewer.id, profiles, options, filter: nearBusiness });
      expect(suggestions.map((s) => s.candidateId)).toEqual(expected.map((entry) => entry.candidateId));
      suggestions.forEach((suggestion, index) => {
        expect(suggestion.rank).toBe(index + 1);
        expect(suggestion.score).toBeCloseTo(expected[index].score, 12);
      });
      const context = buildMatchContext(options);
      expect(searchedCandidates).toBe(passing.filter((candidate) => isSuggestable(viewer, candidate, context)).length);
      compared += suggestions.length;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('is as long as an unfiltered list where k candidates pass, while the stored top k held few of them', () => {
    const run = rankAllPairsSync(profiles, options);
    const sectors = [...new Set(profiles.map((partner) => partner.sector))];
    let checked = 0;
    for (const viewer of localViewers) {
      for (const sector of sectors) {
        const filter: CandidateFilter = { sector, maxDistanceKm: 40 };
        const passing = profiles.filter((other) => other.id !== viewer.id && passesFilter(viewer, other, filter)).length;
        const storedAndPassing = run.list(viewer.id).filter((entry) => passesFilter(viewer, byId.get(entry.candidateId)!, filter));
        if (passing < 2 * profile.k || storedAndPassing.length >= profile.k / 2) continue;
        const { suggestions } = rankFilteredList({ viewerId: viewer.id, profiles, options, filter });
        expect(suggestions).toHaveLength(profile.k);
        for (const suggestion of suggestions) {
          const candidate = byId.get(suggestion.candidateId)!;
          expect(candidate.sector).toBe(sector);
          expect(suggestion.distanceKm === null || suggestion.distanceKm <= 40).toBe(true);
          expect(suggestion.distanceKm).toBe(pairDistanceKm(viewer, candidate));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('keeps national candidates within maxDistanceKm (no distance) unless includeNational is false', () => {
    const viewer = localViewers[0];
    const national = profiles.find((candidate) => candidate.scope === 'national' && !candidate.matchingOptOut)!;
    expect(pairDistanceKm(viewer, national)).toBeNull();
    expect(passesFilter(viewer, national, { maxDistanceKm: 0 })).toBe(true);
    expect(passesFilter(viewer, national, { maxDistanceKm: 0, includeNational: false })).toBe(false);
    const { suggestions } = rankFilteredList({ viewerId: viewer.id, profiles, options, filter: { maxDistanceKm: 10, includeNational: false } });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => byId.get(s.candidateId)!.scope !== 'national' && s.distanceKm !== null && s.distanceKm <= 10)).toBe(true);
  });

  it('says when the diversity step moved a suggestion', () => {
    const moved = localViewers
      .flatMap((viewer) => rankFilteredList({ viewerId: viewer.id, profiles, options: { ...options, profile: { ...profile, diversity: 0.6 } }, filter: { maxDistanceKm: 50 } }).suggestions)
      .filter((suggestion) => suggestion.reasons.some((reason) => reason.code === 'diversity-moved'));
    expect(moved.length).toBeGreaterThan(0);
    for (const suggestion of moved) {
      const reason = suggestion.reasons.find((r) => r.code === 'diversity-moved')!;
      expect(reason.params).toEqual({ rank: suggestion.rank, scoreRank: expect.any(Number) });
      expect(reason.params.scoreRank).not.toBe(suggestion.rank);
      expect(reason.share).toBe(0);
    }
  });

  it('is empty for an opted-out or unknown partner, and tells an empty filter from a real one', () => {
    const optedOut = { ...localViewers[1], matchingOptOut: true };
    const withOptOut = profiles.map((partner) => (partner.id === optedOut.id ? optedOut : partner));
    expect(rankFilteredList({ viewerId: optedOut.id, profiles: withOptOut, options, filter: nearBusiness })).toEqual({ suggestions: [], searchedCandidates: 0 });
    expect(rankFilteredList({ viewerId: 'no-such-partner', profiles, options, filter: nearBusiness }).suggestions).toEqual([]);
    expect(filtersCandidates({})).toBe(false);
    expect(filtersCandidates({ includeNational: true })).toBe(false);
    expect(filtersCandidates({ includeNational: false })).toBe(true);
    expect(filtersCandidates({ maxDistanceKm: 0 })).toBe(true);
  });

  it('answers the same on the analysis thread', async () => {
    const input = { viewerId: localViewers[2].id, profiles, options, filter: nearBusiness };
    expect(await runAnalysis('filteredList', input)).toEqual(rankFilteredList(input));
  }, 60_000);
});
