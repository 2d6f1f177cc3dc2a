import { buildDemoData } from '@app/demo-data';
import { rankFilteredList, type CandidateFilter } from '@app/matching';
import { SeedRepository, SuggestionRepository } from '@app/persistence';
import { ActiveMatchingProfileService, MatchInputsService } from '@app/suggestions';
import { completeFullRun } from './support/full-run';
import { startTestApp, type TestApp } from './support/test-app';

interface Item {
  rank: number;
  score: number;
  matchId: string | null;
  status: string;
  distanceKm: number | null;
  candidate: { id: string; slug: string; sector: string; scope: string };
  reasons: { code: string; params: Record<string, unknown> }[];
}

interface List {
  items: Item[];
  total: number;
  searchedDepth: number;
  searchedCandidates: number;
  rankedOnDemand: boolean;
}

/**
 * Issue 16, item 6: `sector=bedrijfsleven&maxDistanceKm=25` on the stored top k found 2
 * candidates, ranked 8 and 19. Filtered reads now rank the partner against every candidate
 * that passes; on the 300 demo partners this checks they give what the core gives.
 */
describe('filtered suggestion lists ranked on demand (PostgreSQL, 300 demo partners)', () => {
  let api: TestApp;
  let runId: string;
  const nearBusiness: CandidateFilter = { sector: 'bedrijfsleven', maxDistanceKm: 25 };
  const query = (filter: CandidateFilter) => Object.entries(filter).map(([key, value]) => `${key}=${value}`).join('&');
  const listOf = async (slug: string, search: string, view = 'team'): Promise<List> =>
    (await api.http().get(`/v1/partners/${slug}/suggestions?${search}${search ? '&' : ''}view=${view}&limit=100`).expect(200)).body;
  /** What the core gives for this partner and filter, from the inputs and the run's profile as stored. */
  const coreList = async (partnerId: string, filter: CandidateFilter) => {
    const { profiles, options } = await api.app.get(MatchInputsService).load(undefined, await api.app.get(ActiveMatchingProfileService).ofRun(runId));
    return rankFilteredList({ viewerId: partnerId, profiles, options, filter });
  };
  /** The old answer: the filter applied to the stored list (a national candidate has no distance, so a distance keeps it). */
  const storedFiltered = async (partnerId: string, filter: CandidateFilter) => {
    const { items } = await api.app.get(SuggestionRepository).listFor(runId, partnerId, { statuses: ['pending', 'approved', 'introduced'], limit: 100, offset: 0 });
    const kept = items.filter(
      ({ suggestion: { candidate, distanceKm } }) =>
        (!filter.sector || candidate.sector === filter.sector) &&
        (!filter.opgave || candidate.opgaven.includes(filter.opgave)) &&
        (!filter.leefdomein || candidate.leefdomeinen.includes(filter.leefdomein)) &&
        (filter.maxDistanceKm === undefined || distanceKm === null || distanceKm <= filter.maxDistanceKm) &&
        (filter.includeNational !== false || candidate.scope !== 'national'),
    );
    return { items: kept, total: kept.length };
  };
  let viewer: { id: string; slug: string };

  beforeAll(async () => {
    api = await startTestApp('filtered_suggestions');
    await api.app.get(SeedRepository).seedOnce('filtered-test', buildDemoData(300));
    runId = (await completeFullRun(api)).id;
    // A local partner whose stored list holds few nearby businesses while many are near: the case.
    const partners: { id: string; slug: string; scope: string }[] = (await api.http().get('/v1/partners?limit=500').expect(200)).body.items;
    for (const partner of partners.filter((p) => p.scope === 'local')) {
      const [core, stored] = await Promise.all([coreList(partner.id, nearBusiness), storedFiltered(partner.id, nearBusiness)]);
      if (core.suggestions.length >= 12 && stored.total <= 3) {
        viewer = partner;
        break;
      }
    }
    if (!viewer) throw new Error('no demo partner has 12 nearby businesses and at most 3 of them in its stored list');
  }, 240_000);

  afterAll(async () => {
    await api?.close();
  });

  it('lists every nearby business where the stored top k held only a few of them', async () => {
    const [filtered, stored] = await Promise.all([listOf(viewer.slug, query(nearBusiness)), storedFiltered(viewer.id, nearBusiness)]);
    expect(stored.total).toBeLessThanOrEqual(3);
    expect(filtered.rankedOnDemand).toBe(true);
    // Fewer than k pass, so the list holds all of them.
    expect(filtered.searchedCandidates).toBeGreaterThanOrEqual(12);
    expect(filtered.searchedCandidates).toBeLessThan(20);
    expect(filtered).toMatchObject({ searchedDepth: filtered.searchedCandidates, total: filtered.searchedCandidates });
    expect(filtered.items).toHaveLength(filtered.searchedCandidates);
    for (const item of filtered.items) {
      expect(item.candidate.sector).toBe('bedrijfsleven');
      expect(item.distanceKm === null || item.distanceKm <= 25).toBe(true);
    }
    // What the stored list held of them is in the filtered list too, with the same score.
    const byCandidate = new Map(filtered.items.map((item) => [item.candidate.id, item]));
    for (const { suggestion } of stored.items) expect(byCandidate.get(suggestion.candidateId)?.score).toBeCloseTo(suggestion.score, 12);
  });

  it('is as long as the unfiltered list where k candidates pass', async () => {
    const within = { maxDistanceKm: 30, includeNational: false };
    const [unfiltered, filtered, stored] = await Promise.all([listOf(viewer.slug, ''), listOf(viewer.slug, query(within)), storedFiltered(viewer.id, within)]);
    expect(unfiltered).toMatchObject({ rankedOnDemand: false, searchedDepth: 20, searchedCandidates: 20, total: 20 });
    expect(filtered.searchedCandidates).toBeGreaterThan(20);
    expect(filtered).toMatchObject({ rankedOnDemand: true, searchedDepth: 20, total: 20 });
    expect(filtered.items).toHaveLength(20);
    expect(stored.total).toBeLessThan(20);
    expect(filtered.items.every((item) => item.candidate.scope !== 'national' && item.distanceKm !== null && item.distanceKm <= 30)).toBe(true);
  });

  it.each([
    ['sector and distance', nearBusiness],
    ['opgave', { opgave: 'bestaanszekerheid' }],
    ['leefdomein without national partners', { leefdomein: 'onderwijs', includeNational: false }],
    ['distance only', { maxDistanceKm: 10 }],
  ])('gives the ranks, scores and reasons the core gives for the filter (%s)', async (_, filter: CandidateFilter) => {
    const [list, core] = await Promise.all([listOf(viewer.slug, query(filter)), coreList(viewer.id, filter)]);
    expect(list.rankedOnDemand).toBe(true);
    expect(list.searchedCandidates).toBe(core.searchedCandidates);
    expect(list.searchedDepth).toBe(core.suggestions.length);
    expect(list.items.map((item) => [item.candidate.id, item.rank])).toEqual(core.suggestions.map((s) => [s.candidateId, s.rank]));
    list.items.forEach((item, index) => {
      expect(item.score).toBeCloseTo(core.suggestions[index].score, 12);
      expect(item.distanceKm).toBe(core.suggestions[index].distanceKm);
      expect(item.reasons.map((reason) => reason.code)).toEqual(core.suggestions[index].reasons.map((reason) => reason.code));
    });
  });

  it('shows the partner only pairs the team approved, and a pair no list held as pending without a match', async () => {
    const filtered = await listOf(viewer.slug, query(nearBusiness));
    const unseen = filtered.items.filter((item) => item.matchId === null);
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.every((item) => item.status === 'pending')).toBe(true);
    expect((await listOf(viewer.slug, query(nearBusiness), 'partner')).items).toEqual([]);
    const approved = filtered.items.find((item) => item.matchId !== null)!;
    await api.http().patch(`/v1/matches/${approved.matchId}`).send({ status: 'approved' }).expect(200);
    const partnerView = await listOf(viewer.slug, query(nearBusiness), 'partner');
    expect(partnerView.items.map((item) => [item.candidate.id, item.rank, item.status])).toEqual([[approved.candidate.id, approved.rank, 'approved']]);
    expect(partnerView.total).toBe(1);
  });

  it('leaves out a candidate the partner called not relevant, keeping the others\' ranks', async () => {
    const before = await listOf(viewer.slug, query(nearBusiness));
    const dropped = before.items.filter((item) => item.matchId !== null && item.status === 'pending')[0];
    await api.http().post(`/v1/partners/${viewer.slug}/suggestions/${dropped.candidate.slug}/feedback`).send({ verdict: 'not-relevant' }).expect(200);
    const after = await listOf(viewer.slug, query(nearBusiness));
    expect(after.items.map((item) => item.candidate.id)).not.toContain(dropped.candidate.id);
    expect(after.items.map((item) => [item.candidate.id, item.rank])).toEqual(
      before.items.filter((item) => item.candidate.id !== dropped.candidate.id).map((item) => [item.candidate.id, item.rank]),
    );
    expect(after.total).toBe(before.total - 1);
  });

  it('ranks a partner changed since the last read as it is now', async () => {
    const before = await listOf(viewer.slug, query(nearBusiness));
    const moved = before.items[before.items.length - 1].candidate;
    await api.http().patch(`/v1/partners/${moved.slug}`).send({ sector: 'onderwijs' }).expect(200);
    const after = await listOf(viewer.slug, query(nearBusiness));
    expect(after.items.map((item) => item.candidate.id)).not.toContain(moved.id);
    expect(after.searchedCandidates).toBe(before.searchedCandidates - 1);
    const core = await coreList(viewer.id, nearBusiness);
    expect(after.items.map((item) => item.candidate.id)).toEqual(core.suggestions.map((s) => s.candidateId).filter((id) => after.items.some((item) => item.candidate.id === id)));
  });
});
