import { DEFAULT_MATCHING_PROFILE } from '../matching-profile';
import { handProfile } from '../synthetic';
import { groundTruthNetwork } from './ground-truth';
import { splitConnections } from './protocol';
import { coreRanker, mostConnectedRanker, opgavenOverlapRanker, randomRanker, sameGemeenteRanker } from './rankers';

describe('bench:quality protocol', () => {
  const network = groundTruthNetwork({ count: 400, seed: 11 });

  it('draws a deterministic network without self-loops or duplicate pairs', () => {
    expect(groundTruthNetwork({ count: 400, seed: 11 }).connections).toEqual(network.connections);
    const keys = network.connections.map(({ a, b }) => (a < b ? `${a}|${b}` : `${b}|${a}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(network.connections.every(({ a, b }) => a !== b)).toBe(true);
    expect(network.facts.noiseConnections).toBeGreaterThan(0);
    expect(network.facts.projectConnections + network.facts.noiseConnections).toBe(network.connections.length);
  });

  it('hides 20% of the pairs between partners taking part, the same ones for the same seed', () => {
    const optedOut = new Set(network.profiles.filter((p) => p.matchingOptOut).map((p) => p.id));
    const eligible = network.connections.filter(({ a, b }) => !optedOut.has(a) && !optedOut.has(b));
    const { train, hidden } = splitConnections(network.profiles, network.connections, 0.2, 3);
    expect(hidden).toHaveLength(Math.round(0.2 * eligible.length));
    expect(train.length + hidden.length).toBe(network.connections.length);
    expect(hidden.some(({ a, b }) => optedOut.has(a) || optedOut.has(b))).toBe(false);
    expect(splitConnections(network.profiles, network.connections, 0.2, 3).hidden).toEqual(hidden);
    expect(splitConnections(network.profiles, network.connections, 0.2, 4).hidden).not.toEqual(hidden);
  });

  it('every ranker keeps the rules: no self, no opted-out partner, no pair already connected', () => {
    const a = handProfile('a', { opgaven: ['meedoen'] });
    const b = handProfile('b', { opgaven: ['meedoen'] });
    const c = handProfile('c', { opgaven: ['meedoen'], gemeenten: ['GM0355'] });
    const out = handProfile('out', { opgaven: ['meedoen'], matchingOptOut: true });
    const d = handProfile('d', { opgaven: ['meedoen', 'een-fijn-thuis'] });
    const input = { profiles: [a, b, c, out, d], train: [{ a: 'a', b: 'b' }], k: 10, seed: 1 };
    for (const rank of [randomRanker, sameGemeenteRanker, mostConnectedRanker, opgavenOverlapRanker, coreRanker(DEFAULT_MATCHING_PROFILE)]) {
      const lists = rank(input);
      expect(lists.has('out')).toBe(false);
      expect(lists.get('a')).not.toContain('b');
      for (const [user, list] of lists) {
        expect(list).not.toContain(user);
        expect(list).not.toContain('out');
        expect(new Set(list).size).toBe(list.length);
      }
    }
    // Same gemeente only: c (Zeist) is nobody's in Utrecht; opgaven overlap: d's 1/2 ranks below the full matches.
    expect(sameGemeenteRanker(input).get('a')).toEqual(['d']);
    expect(opgavenOverlapRanker(input).get('c')).toEqual(expect.arrayContaining(['a', 'b']));
    expect(opgavenOverlapRanker(input).get('c')![2]).toBe('d');
    expect(mostConnectedRanker(input).get('c')!.slice(0, 2).sort()).toEqual(['a', 'b']);
  });
});
