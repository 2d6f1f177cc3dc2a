import { RowScorer } from './kernel-core';
import { prepareRun, rankAllPairs, rankAllPairsSync } from './kernel';
import { DEFAULT_MATCHING_PROFILE, MatchingProfile } from './matching-profile';
import { buildMatchContext, isSuggestable, referenceList, scorePairReference } from './reference-scorer';
import { generateSyntheticConnections, generateSyntheticProfiles } from './synthetic';
import { Connection } from './types';

const profiles = generateSyntheticProfiles({ count: 1500, seed: 21 });
const connections = generateSyntheticConnections(profiles, { seed: 22, perPartner: 4 });
const excludedPairs: Connection[] = Array.from({ length: 300 }, (_, i) => ({ a: profiles[i].id, b: profiles[(i * 31 + 7) % 1500].id }));
// Some partners with odd data: regional without gemeenten, an unknown gemeente, duplicate codes.
profiles[3] = { ...profiles[3], scope: 'regional', gemeenten: [] };
profiles[4] = { ...profiles[4], gemeenten: ['GM9999', ...profiles[4].gemeenten] };
profiles[5] = { ...profiles[5], opgaven: [...profiles[5].opgaven, ...profiles[5].opgaven], needs: [] , offers: [] };
profiles[6] = { ...profiles[6], scope: 'local', gemeenten: [] };
profiles[7] = { ...profiles[7], scope: 'national', gemeenten: ['GM0344'] };

const withNetwork: MatchingProfile = {
  ...DEFAULT_MATCHING_PROFILE,
  weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.1 },
  regionHalfDistanceKm: 25,
  k: 10,
};

describe('fast kernel = ml-distance reference', () => {
  it.each([
    ['default profile', DEFAULT_MATCHING_PROFILE],
    ['network weight and no diversity', { ...withNetwork, diversity: 0 }],
    ['network weight and strong diversity', { ...withNetwork, diversity: 0.6 }],
  ])('gives the same score for every pair (%s)', (_, profile) => {
    const options = { profile, connections, excludedPairs };
    const run = prepareRun(profiles, options, { shared: false });
    const context = buildMatchContext(options);
    const scorer = new RowScorer(run.store.packed, run.params, 1);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    let compared = 0;
    const mismatches: string[] = [];
    for (let row = 0; row < 1500; row += 37) {
      scorer.begin(row);
      const a = byId.get(run.store.ids[row])!;
      for (let j = (row + 1) % 3; j < 1500; j += 3) {
        if (j === row) continue;
        const b = byId.get(run.store.ids[j])!;
        // The kernel's eligibility is about the candidate; an opted-out row simply gets no list.
        const eligible = isSuggestable({ ...a, matchingOptOut: false }, b, context);
        const delta = Math.abs(scorer.score(j) - scorePairReference(a, b, context).score);
        if (scorer.eligible(j) !== eligible || delta > 1e-6) mismatches.push(`${a.id}/${b.id}: eligible ${scorer.eligible(j)}, Δ ${delta}`);
        compared++;
      }
      scorer.end();
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(20_000);
  });

  it.each([
    ['default profile', DEFAULT_MATCHING_PROFILE],
    ['network weight and strong diversity', { ...withNetwork, diversity: 0.6 }],
  ])('gives the same ranked lists (%s)', (_, profile) => {
    const options = { profile, connections, excludedPairs };
    const lists = rankAllPairsSync(profiles, options);
    const context = buildMatchContext(options);
    for (let i = 0; i < 1500; i += 25) {
      const expected = referenceList(profiles[i], profiles, context);
      const actual = lists.list(profiles[i].id);
      expect(actual.map((c) => c.candidateId)).toEqual(expected.map((c) => c.candidateId));
      actual.forEach((c, r) => expect(Math.abs(c.score - expected[r].score)).toBeLessThanOrEqual(1e-6));
    }
  });

  // The index visits gemeenten nearest first and far-away candidates by opgaven class; every
  // row's pool must still be exactly what scoring every slot gives, whatever the profile.
  it.each([
    ['default profile', DEFAULT_MATCHING_PROFILE],
    ['network weight, no reciprocity, wide region', { ...withNetwork, weights: { ...withNetwork.weights, reciprocity: 0 }, regionHalfDistanceKm: 60 }],
    ['regional floor above the near cut-off, national reach below it', { ...DEFAULT_MATCHING_PROFILE, regionalReach: 0.4, nationalReach: 0.2 }],
    ['no region weight', { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, region: 0 } }],
    ['no opgaven weight, near half-distance', { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, opgaven: 0 }, regionHalfDistanceKm: 3 }],
  ])('gives every row the pool a scan of every slot gives (%s)', (_, profile) => {
    const run = prepareRun(profiles, { profile, connections, excludedPairs }, { shared: false });
    const depth = 2 * profile.k;
    const scorer = new RowScorer(run.store.packed, run.params, depth);
    const [indexed, scanned] = [0, 1].map(() => ({ index: new Int32Array(depth), score: new Float64Array(depth) }));
    const differences: string[] = [];
    for (let row = 0; row < run.store.packed.n; row++) {
      const count = scorer.topRow(row, indexed.index, indexed.score, 0, run.index);
      const expected = scorer.topRow(row, scanned.index, scanned.score, 0);
      const same = count === expected && indexed.index.every((j, r) => r >= count || (j === scanned.index[r] && indexed.score[r] === scanned.score[r]));
      if (!same) differences.push(run.store.ids[row]);
    }
    expect(differences).toEqual([]);
  });

  it('honours every exclusion in every list', () => {
    const lists = rankAllPairsSync(profiles, { connections, excludedPairs });
    const blocked = new Set([...connections, ...excludedPairs].flatMap(({ a, b }) => [`${a}|${b}`, `${b}|${a}`]));
    const optedOut = new Set(profiles.filter((p) => p.matchingOptOut).map((p) => p.id));
    expect(optedOut.size).toBeGreaterThan(10);
    const violations: string[] = [];
    for (const p of profiles) {
      const list = lists.list(p.id);
      if (list.length !== (optedOut.has(p.id) ? 0 : DEFAULT_MATCHING_PROFILE.k)) violations.push(`${p.id} has ${list.length}`);
      for (const c of list) {
        if (c.candidateId === p.id || optedOut.has(c.candidateId) || blocked.has(`${p.id}|${c.candidateId}`)) violations.push(`${p.id} → ${c.candidateId}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('gives the same result on worker threads as in-process', async () => {
    const small = profiles.slice(0, 600);
    const options = { profile: withNetwork, connections };
    const inProcess = rankAllPairsSync(small, options);
    const threaded = await rankAllPairs(small, { ...options, threads: 2 });
    for (const p of small) expect(threaded.list(p.id)).toEqual(inProcess.list(p.id));
  }, 30_000);

  it('ranks on one worker thread with offThread, as in-process (the embedded default\'s runs)', async () => {
    const small = profiles.slice(0, 300);
    const options = { profile: withNetwork, connections, only: small.filter((_, i) => i % 2 === 0).map((p) => p.id) };
    const inProcess = rankAllPairsSync(small, options);
    const onWorker = await rankAllPairs(small, { ...options, offThread: true });
    // A SharedArrayBuffer behind the lists: the worker wrote them, not this thread.
    expect(onWorker.scores.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(inProcess.scores.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    for (const p of small) expect(onWorker.list(p.id)).toEqual(inProcess.list(p.id));
  }, 30_000);

  it('ranks only the lists of a shard, in process and on threads, exactly as a full run does', async () => {
    const small = profiles.slice(0, 600);
    const options = { profile: withNetwork, connections };
    const full = rankAllPairsSync(small, options);
    const shard = small.filter((_, i) => i % 3 === 0).map((p) => p.id);
    const inShard = new Set(shard);
    for (const partial of [rankAllPairsSync(small, { ...options, only: shard }), await rankAllPairs(small, { ...options, only: shard, threads: 2 })]) {
      for (const p of small) expect(partial.list(p.id)).toEqual(inShard.has(p.id) ? full.list(p.id) : []);
    }
  }, 30_000);

  it('rejects duplicate ids and an invalid profile', () => {
    expect(() => rankAllPairsSync([profiles[0], profiles[0]])).toThrow(/Duplicate partner id/);
    expect(() => rankAllPairsSync(profiles.slice(0, 5), { profile: { ...DEFAULT_MATCHING_PROFILE, k: 0 } })).toThrow(/k must be/);
  });
});
