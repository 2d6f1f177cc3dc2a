import { GEMEENTE_CODES, OPGAVE_CODES } from '@app/taxonomy';
import { MatchIndex } from './incremental';
import { rankAllPairsSync } from './kernel';
import { DEFAULT_MATCHING_PROFILE, MatchingProfile } from './matching-profile';
import { generateSyntheticConnections, generateSyntheticProfiles, mulberry32 } from './synthetic';
import { Connection, PartnerProfile, RankedCandidate } from './types';

type Lists = Map<string, RankedCandidate[]>;

function fullRun(profiles: readonly PartnerProfile[], options: { profile: MatchingProfile; connections: Connection[]; excludedPairs: Connection[] }): Lists {
  const lists = rankAllPairsSync(profiles, options);
  return new Map(profiles.map((p) => [p.id, lists.list(p.id)]));
}

function differing(before: Lists, after: Lists, except: string): string[] {
  return [...after.keys()].filter((id) => id !== except && JSON.stringify(before.get(id) ?? []) !== JSON.stringify(after.get(id))).sort();
}

describe('MatchIndex', () => {
  const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, k: 8, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.1 } };
  const base = generateSyntheticProfiles({ count: 350, seed: 51 });
  const connections = generateSyntheticConnections(base, { seed: 52, perPartner: 4 });
  const excludedPairs = Array.from({ length: 60 }, (_, i) => ({ a: base[i].id, b: base[(i * 7 + 11) % 350].id }));
  const options = { profile, connections, excludedPairs };
  const newcomers = generateSyntheticProfiles({ count: 40, seed: 53 });

  it('is built on a worker thread with offThread and then answers as one built in-process', async () => {
    const inProcess = await MatchIndex.build(base, { ...options, threads: 1 });
    const onWorker = await MatchIndex.build(base, { ...options, offThread: true });
    for (const p of base) expect(onWorker.ranked(p.id)).toEqual(inProcess.ranked(p.id));
    const changed = { ...base[9], sector: base[10].sector, opgaven: base[10].opgaven };
    expect([...onWorker.upsert(changed).changedPartnerIds].sort()).toEqual([...inProcess.upsert(changed).changedPartnerIds].sort());
    for (const p of base) expect(onWorker.ranked(p.id)).toEqual(inProcess.ranked(p.id));
  }, 30_000);

  it.each([
    ['the default buffer', undefined],
    ['a small buffer that often runs short', 1],
  ])('equals a full recompute after every change, and reports exactly the lists that changed (%s)', async (_, extra) => {
    const index = await MatchIndex.build(base, { ...options, extra, threads: 1 });
    const current = new Map(base.map((p) => [p.id, p]));
    let lists = fullRun([...current.values()], options);
    const random = mulberry32(54);
    const problems: string[] = [];
    for (let step = 0; step < 30; step++) {
      const ids = [...current.keys()];
      const target = current.get(ids[Math.floor(random() * ids.length)])!;
      const action = step % 5;
      let update;
      if (action === 0) {
        update = index.upsert({ ...target, opgaven: [OPGAVE_CODES[step % OPGAVE_CODES.length]], gemeenten: target.scope === 'national' ? [] : [GEMEENTE_CODES[(step * 37) % 342]] });
      } else if (action === 1) {
        update = index.upsert({ ...target, matchingOptOut: !target.matchingOptOut });
      } else if (action === 2) {
        update = index.upsert(newcomers[step]);
      } else if (action === 3) {
        update = index.remove(target.id);
      } else {
        update = index.upsert({ ...target, needs: ['voedsel', 'locatie'], offers: ['vrijwilligers', 'nieuw-label-' + step] });
      }
      const changedId = action === 2 ? newcomers[step].id : target.id;
      if (action === 3) current.delete(changedId);
      else current.set(changedId, action === 2 ? newcomers[step] : { ...(current.get(changedId) ?? target), ...lastProfile(index, changedId) });
      const next = fullRun([...current.values()], options);
      for (const [id, list] of next) {
        if (JSON.stringify(index.ranked(id)) !== JSON.stringify(list)) problems.push(`step ${step}: list of ${id} differs`);
      }
      const expectedChanged = differing(lists, next, changedId);
      if (JSON.stringify([...update.changedPartnerIds].sort()) !== JSON.stringify(expectedChanged)) {
        problems.push(`step ${step}: changed ${update.changedPartnerIds.length}, expected ${expectedChanged.length}`);
      }
      if (JSON.stringify(update.list.map((s) => s.candidateId)) !== JSON.stringify((next.get(changedId) ?? []).map((c) => c.candidateId))) {
        problems.push(`step ${step}: own list differs`);
      }
      lists = next;
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('grows past its reserved room for tags and partners', async () => {
    const index = await MatchIndex.build(base.slice(0, 50), { profile, threads: 1 });
    const many = generateSyntheticProfiles({ count: 1200, seed: 55 }).map((p, i) => (i === 0 ? { ...p, offers: Array.from({ length: 70 }, (_, t) => `label-${t}`) } : p));
    for (const p of many) index.upsert(p);
    const all = [...base.slice(0, 50), ...many];
    const expected = rankAllPairsSync(all, { profile });
    const problems = all.filter((p, i) => i % 10 === 0 && JSON.stringify(index.ranked(p.id)) !== JSON.stringify(expected.list(p.id)));
    expect(problems.map((p) => p.id)).toEqual([]);
    expect(index.size).toBe(1250);
  }, 60_000);
});

// The test keeps its own copy of the profiles; this reads back what was upserted.
function lastProfile(index: MatchIndex, id: string): Partial<PartnerProfile> {
  return (index as unknown as { profiles: Map<string, PartnerProfile> }).profiles.get(id) ?? {};
}
