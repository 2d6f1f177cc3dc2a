import { DEFAULT_KENNISDELEN_PROFILE, explainKennisdelen, kennisdelenReasonFacts, rankKennisdelen, withKennisdelenSentences, type KennisdelenProfile } from './kennisdelen';
import { KennisdelenRanker, rankKennisdelenLists } from './kennisdelen-ranking';
import { renderStoredKennisdelenReason, storedKennisdelenReasonText, storeKennisdelenFacts, storeKennisdelenReason } from './kennisdelen-stored';
import { generateSyntheticConnections, generateSyntheticProfiles, handProfile } from './synthetic';
import { mulberry32 } from './synthetic/random';
import type { PartnerProfile } from './types';

const LEVELS = ['verzachten', 'versterken', 'veranderen'];

/** The synthetic network, some partners stating verandertheorie levels and some opted out. */
function network(count: number, seed: number): { profiles: PartnerProfile[]; connections: ReturnType<typeof generateSyntheticConnections> } {
  const random = mulberry32(seed);
  const partners = generateSyntheticProfiles({ count, seed });
  const connections = generateSyntheticConnections(partners, { seed: seed + 1, perPartner: 4 });
  const profiles = partners.map((partner) => ({
    ...partner,
    verandertheorie: random() < 0.5 ? LEVELS.filter(() => random() < 0.5) : undefined,
    matchingOptOut: random() < 0.03,
  }));
  return { profiles, connections };
}

const plain = (list: { candidateId: string; score: number; components: object }[]) => list.map(({ candidateId, score, components }) => ({ candidateId, score, components }));

describe('rankKennisdelenLists (all lists at once) equals rankKennisdelen for every partner', () => {
  it.each([
    ['the default profile', DEFAULT_KENNISDELEN_PROFILE],
    ['weights that make the exchange count most, k 25', { ...DEFAULT_KENNISDELEN_PROFILE, weights: { opgaven: 0.1, leefdomeinen: 0.1, kennisbronnen: 0.5, verandertheorie: 0.2, peers: 0.3 }, crossSectorPeers: 0.2, k: 25 }],
  ] as [string, KennisdelenProfile][])('%s', (_name, profile) => {
    const { profiles, connections } = network(400, 11);
    const lists = rankKennisdelenLists(profiles, { profile, connections });
    let compared = 0;
    for (const partner of profiles) {
      const expected = rankKennisdelen(partner, profiles, { profile, connections });
      expect(plain(lists.get(partner.id) ?? [])).toEqual(plain(expected));
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(350 * Math.min(profile.k, 10));
  });

  it('ranks only the partners asked for, against everyone; an opted-out partner gets an empty list', () => {
    const { profiles, connections } = network(300, 5);
    const [first, second] = profiles.filter((p) => !p.matchingOptOut);
    const optedOut = profiles.find((p) => p.matchingOptOut)!;
    const only = [first.id, second.id, optedOut.id];
    const lists = rankKennisdelenLists(profiles, { connections, only });
    expect([...lists.keys()].sort()).toEqual([...only].sort());
    expect(plain(lists.get(first.id)!)).toEqual(plain(rankKennisdelen(first, profiles, { connections })));
    expect(lists.get(optedOut.id)).toEqual([]);
  });

  it('equal scores in candidate id order, a connected pair and a pair sharing nothing never', () => {
    const viewer = handProfile('v', { opgaven: ['meedoen'], leefdomeinen: ['gezondheid'] });
    const twins = ['t3', 't1', 't2'].map((id) => handProfile(id, { opgaven: ['meedoen'], leefdomeinen: ['gezondheid'] }));
    const stranger = handProfile('s', { opgaven: ['beeldvorming'], leefdomeinen: ['relaties'] });
    const lists = rankKennisdelenLists([viewer, ...twins, stranger], { connections: [{ a: 'v', b: 't2' }] });
    expect(lists.get('v')!.map((entry) => entry.candidateId)).toEqual(['t1', 't3']);
    expect(lists.get('s')).toEqual([]);
  });
});

describe('KennisdelenRanker kept across changes', () => {
  /** Some partners change their opgaven, leefdomeinen or sector (new classes among them), opt out or in, or leave; one joins. */
  function changed(profiles: PartnerProfile[], seed: number): { after: PartnerProfile[]; changedProfiles: PartnerProfile[]; removedIds: string[] } {
    const random = mulberry32(seed);
    const changedProfiles: PartnerProfile[] = [];
    const removedIds: string[] = [];
    const after: PartnerProfile[] = [];
    for (const partner of profiles) {
      const draw = random();
      if (draw < 0.02) {
        removedIds.push(partner.id);
        continue;
      }
      let next = partner;
      if (draw < 0.06) next = { ...partner, opgaven: ['meedoen', 'beeldvorming', 'schulden'].filter(() => random() < 0.6), leefdomeinen: partner.leefdomeinen.slice(0, 1) };
      else if (draw < 0.08) next = { ...partner, matchingOptOut: !partner.matchingOptOut };
      else if (draw < 0.1) next = { ...partner, sector: partner.sector === 'onderwijs' ? 'bedrijfsleven' : 'onderwijs', verandertheorie: ['veranderen'] };
      if (next !== partner) changedProfiles.push(next);
      after.push(next);
    }
    const newcomer = handProfile('0-newcomer', { opgaven: ['meedoen'], leefdomeinen: ['gezondheid', 'onderwijs'] });
    after.push(newcomer);
    changedProfiles.push(newcomer);
    return { after, changedProfiles, removedIds };
  }

  it('ranks after an update exactly as a ranker built on the changed partners', () => {
    const { profiles, connections } = network(400, 21);
    const ranker = new KennisdelenRanker(profiles, { connections });
    ranker.rank(); // tables filled before the change, as a repair's are
    const { after, changedProfiles, removedIds } = changed(profiles, 22);
    expect(changedProfiles.length).toBeGreaterThan(20);
    ranker.update(changedProfiles, removedIds);
    const kept = ranker.rank();
    const fresh = rankKennisdelenLists(after, { connections });
    expect([...kept.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [id, list] of fresh) expect(plain(kept.get(id)!)).toEqual(plain(list));
    for (const id of removedIds) expect(kept.has(id)).toBe(false);
  });

  it('names the lists a change reaches: asked before the update and after, every list that differs', () => {
    const { profiles, connections } = network(400, 31);
    const ranker = new KennisdelenRanker(profiles, { connections });
    const before = ranker.rank();
    const { after, changedProfiles, removedIds } = changed(profiles, 32);
    const changedIds = [...changedProfiles.map((p) => p.id), ...removedIds];
    const reached = new Set(changedIds);
    const floors = ranker.listFloors(before);
    const reach = (id: string) => ranker.listsReachedBy(id, floors).forEach((viewer) => reached.add(viewer));
    changedIds.forEach(reach);
    // Before the update: every list holding a changed partner is reached.
    for (const [id, list] of before) if (list.some((entry) => changedIds.includes(entry.candidateId))) expect(reached.has(id)).toBe(true);
    ranker.update(changedProfiles, removedIds);
    changedIds.forEach(reach);
    const fresh = rankKennisdelenLists(after, { connections });
    const differing = [...new Set([...before.keys(), ...fresh.keys()])].filter((id) => JSON.stringify(plain(before.get(id) ?? [])) !== JSON.stringify(plain(fresh.get(id) ?? [])));
    expect(differing.length).toBeGreaterThan(10);
    expect(differing.filter((id) => !reached.has(id))).toEqual([]);
    expect(reached.size).toBeLessThan(after.length); // not simply every list
    // Alone: one change against the lists before it, named exactly.
    const alone = { ...profiles[7], opgaven: ['meedoen'], leefdomeinen: ['gezondheid'], matchingOptOut: false };
    const single = new KennisdelenRanker(profiles, { connections });
    const lists = single.rank();
    single.update([alone]);
    const reranked = single.rank();
    const expected = [...reranked].filter(([id, list]) => id !== alone.id && (lists.get(id) ?? []).every((entry) => entry.candidateId !== alone.id) && list.some((entry) => entry.candidateId === alone.id)).map(([id]) => id);
    const named = single.listsReachedBy(alone.id, single.listFloors(lists)).filter((id) => (lists.get(id) ?? []).every((entry) => entry.candidateId !== alone.id));
    expect(named.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it('keeps the last places in step with the lists as they change, as if taken anew', () => {
    const { profiles, connections } = network(400, 33);
    const ranker = new KennisdelenRanker(profiles, { connections });
    const lists = ranker.rank();
    const floors = ranker.listFloors(lists);
    const { changedProfiles, removedIds } = changed(profiles, 34);
    ranker.update(changedProfiles, removedIds);
    const reranked = ranker.rank();
    for (const id of new Set([...lists.keys(), ...reranked.keys()])) {
      const list = removedIds.includes(id) ? undefined : reranked.get(id);
      if (list) lists.set(id, list);
      else lists.delete(id);
      floors.set(id, list);
    }
    const anew = ranker.listFloors(lists);
    const asked = [...changedProfiles.map((p) => p.id), ...profiles.slice(0, 40).map((p) => p.id)];
    for (const id of asked) expect(ranker.listsReachedBy(id, floors)).toEqual(ranker.listsReachedBy(id, anew));
    expect(asked.some((id) => ranker.listsReachedBy(id, floors).length > 0)).toBe(true);
  });
});

describe('stored kennisdelen reasons', () => {
  it('render back to exactly the reasons explained, and are short', () => {
    const { profiles, connections } = network(300, 3);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const weights = DEFAULT_KENNISDELEN_PROFILE.weights;
    let bytes = 0;
    let count = 0;
    for (const [viewerId, list] of rankKennisdelenLists(profiles, { connections })) {
      for (const entry of list) {
        const { reasons, components } = explainKennisdelen(byId.get(viewerId)!, byId.get(entry.candidateId)!);
        expect(components).toEqual(entry.components);
        for (const reason of reasons) {
          const stored = storeKennisdelenReason(reason, { components, weights });
          expect(Array.isArray(stored)).toBe(true);
          expect(renderStoredKennisdelenReason(stored, { components, weights })).toEqual(reason);
          expect(storedKennisdelenReasonText(stored, 'en')).toBe(reason.en);
          bytes += JSON.stringify(stored).length;
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    expect(bytes / count).toBeLessThan(10);
  });

  it('stores a full run\'s explained facts exactly as the reasons they render to', () => {
    const { profiles, connections } = network(300, 5);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const weights = DEFAULT_KENNISDELEN_PROFILE.weights;
    let count = 0;
    for (const [viewerId, list] of rankKennisdelenLists(profiles, { connections })) {
      for (const entry of list) {
        const viewer = byId.get(viewerId)!;
        const candidate = byId.get(entry.candidateId)!;
        const facts = kennisdelenReasonFacts(viewer, candidate, entry.components);
        expect(facts.map(withKennisdelenSentences)).toEqual(explainKennisdelen(viewer, candidate).reasons);
        for (const fact of facts) {
          expect(JSON.stringify(storeKennisdelenFacts(fact, { components: entry.components, weights }))).toBe(
            JSON.stringify(storeKennisdelenReason(withKennisdelenSentences(fact), { components: entry.components, weights })),
          );
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
    // No compact form: stored whole, sentences rendered.
    const unnumbered = { code: 'shared-opgaven' as const, params: { opgaven: ['not-in-the-taxonomy'] }, share: 0.1 };
    expect(storeKennisdelenFacts(unnumbered, { components: { ...weights }, weights })).toEqual(withKennisdelenSentences(unnumbered));
  });

  it('a reason the table cannot number is stored whole', () => {
    const reason = { code: 'shared-opgaven', params: { opgaven: ['not-in-the-taxonomy'] }, nl: 'x', en: 'y', share: 0.1 };
    expect(storeKennisdelenReason(reason, { components: { ...DEFAULT_KENNISDELEN_PROFILE.weights }, weights: DEFAULT_KENNISDELEN_PROFILE.weights })).toBe(reason);
  });
});
