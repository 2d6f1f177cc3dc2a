import { jsonText, runAnalysis } from './analysis-thread';
import { proposeCoalition } from './coalitions';
import { rankGemeentenByGaps } from './gaps';
import { rankAllPairsSync } from './kernel';
import { compareLists } from './list-comparison';
import { DEFAULT_MATCHING_PROFILE } from './matching-profile';
import { generateSyntheticProfiles } from './synthetic';

/** The analyses answer on their thread exactly what they answer in the caller's. */
describe('the analysis thread', () => {
  const partners = generateSyntheticProfiles({ count: 300, seed: 77 });
  const proposedProfile = { ...DEFAULT_MATCHING_PROFILE, diversity: 0.8, version: 2 };

  it('previews a proposed profile as the in-process ranking and comparison do', async () => {
    const todayLists = rankAllPairsSync(partners, { profile: DEFAULT_MATCHING_PROFILE });
    const today = new Map(partners.map((partner) => [partner.id, todayLists.list(partner.id).map((entry) => entry.candidateId)]));
    const proposed = rankAllPairsSync(partners, { profile: proposedProfile });
    const expected = compareLists(today, new Map(partners.filter((partner) => !partner.matchingOptOut).map((partner) => [partner.id, proposed.list(partner.id).map((entry) => entry.candidateId)])), 10);

    const answered = await runAnalysis('preview', { profiles: partners, profile: proposedProfile, today: Object.fromEntries(today), top: 10 });

    expect(answered).toEqual(expected);
    expect(answered.changedLists).toBeGreaterThan(0);
  }, 60_000);

  it('reads inputs sent as JSON text as it reads the values, connections and excluded pairs included', async () => {
    const connections = partners.slice(0, 40).map((partner, at) => ({ a: partner.id, b: partners[at + 40].id }));
    const excludedPairs = partners.slice(100, 120).map((partner, at) => ({ a: partner.id, b: partners[at + 120].id }));
    const todayLists = rankAllPairsSync(partners, { profile: DEFAULT_MATCHING_PROFILE });
    const today = Object.fromEntries(partners.map((partner) => [partner.id, todayLists.list(partner.id).map((entry) => entry.candidateId)]));
    const asValues = await runAnalysis('preview', { profiles: partners, profile: proposedProfile, connections, excludedPairs, today, top: 10 });
    const withoutPairs = await runAnalysis('preview', { profiles: partners, profile: proposedProfile, today, top: 10 });
    const asText = await runAnalysis('preview', {
      profiles: jsonText(JSON.stringify(partners)),
      profile: proposedProfile,
      connections: jsonText(JSON.stringify(connections)),
      excludedPairs: jsonText(JSON.stringify(excludedPairs)),
      today: jsonText(JSON.stringify(today)),
      top: 10,
    });

    expect(asText).toEqual(asValues);
    // The pairs count: without them the comparison differs.
    expect(withoutPairs).not.toEqual(asValues);
    const gemeenten = [...new Set(partners.flatMap((partner) => partner.gemeenten))];
    expect(await runAnalysis('gemeentenByGaps', { gemeenten, partners: jsonText(JSON.stringify(partners)) })).toEqual(rankGemeentenByGaps(gemeenten, partners));
  }, 60_000);

  it('proposes the same coalition and ranks the gemeenten the same', async () => {
    const gemeente = partners[0].gemeenten[0];
    expect(await runAnalysis('coalition', { gemeente, partners, options: { size: 4 } })).toEqual(proposeCoalition(gemeente, partners, { size: 4 }));
    const gemeenten = [...new Set(partners.flatMap((partner) => partner.gemeenten))];
    expect(await runAnalysis('gemeentenByGaps', { gemeenten, partners })).toEqual(rankGemeentenByGaps(gemeenten, partners));
  }, 60_000);

  it('answers an analysis that throws with its error, and keeps serving', async () => {
    await expect(runAnalysis('coalition', { gemeente: 'GM0344', partners, options: { size: 1 } })).rejects.toThrow(/coalition size must be an integer/);
    expect((await runAnalysis('gemeentenByGaps', { gemeenten: ['GM0344'], partners })).length).toBe(1);
  }, 60_000);
});
