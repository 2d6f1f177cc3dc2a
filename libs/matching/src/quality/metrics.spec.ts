import { accuracy, catalogueCoverage, crossSectorShare, exposureGini, gemeentenFullyServed, gini, ndcgAt, recallAt, reciprocalRankAt, relevantOf } from './metrics';

// A tiny network of five partners, computed by hand. Hidden pairs: a–b, a–c, d–e.
// So a's relevant = {b, c}, b's = {a}, c's = {a}, d's = {e}, e's = {d}.
const hidden = [
  { a: 'a', b: 'b' },
  { a: 'a', b: 'c' },
  { a: 'd', b: 'e' },
];
const lists = new Map<string, string[]>([
  ['a', ['d', 'b', 'e', 'x1', 'x2', 'c']], // b at rank 2, c at rank 6
  ['b', ['a']], // rank 1
  ['c', ['b', 'd']], // a missing
  ['d', ['a', 'b', 'c', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'e']], // e at rank 11: outside the top 10
  // e has no list
]);
const log2 = Math.log2;

describe('quality metrics on a tiny network', () => {
  const relevant = relevantOf(hidden);

  it('finds both directions of each hidden pair', () => {
    expect(Object.fromEntries([...relevant].map(([id, set]) => [id, [...set].sort()]))).toEqual({ a: ['b', 'c'], b: ['a'], c: ['a'], d: ['e'], e: ['d'] });
  });

  it('computes recall@k, nDCG@k and reciprocal rank per list', () => {
    const forA = relevant.get('a')!;
    expect(recallAt(lists.get('a')!, forA, 5)).toBe(0.5);
    expect(recallAt(lists.get('a')!, forA, 10)).toBe(1);
    // Hits at ranks 2 and 6; the ideal list has them at 1 and 2.
    expect(ndcgAt(lists.get('a')!, forA, 10)).toBeCloseTo((1 / log2(3) + 1 / log2(7)) / (1 + 1 / log2(3)), 12);
    expect(reciprocalRankAt(lists.get('a')!, forA, 10)).toBe(0.5);
    expect(reciprocalRankAt(lists.get('d')!, relevant.get('d')!, 10)).toBe(0);
    expect(recallAt([], new Set(), 10)).toBeUndefined();
  });

  it('averages over the partners with hidden connections, a missing list counting as empty', () => {
    const metrics = accuracy(lists, relevant);
    expect(metrics.users).toBe(5);
    // recall@5: a 1/2, b 1, c 0, d 0, e 0 → 1.5/5; recall@10: a 1, b 1 → 2/5.
    expect(metrics.recallAt5).toBeCloseTo(0.3, 12);
    expect(metrics.recallAt10).toBeCloseTo(0.4, 12);
    // nDCG@10: a as above, b 1 (hit at rank 1), the others 0.
    const ndcgA = (1 / log2(3) + 1 / log2(7)) / (1 + 1 / log2(3));
    expect(metrics.ndcgAt10).toBeCloseTo((ndcgA + 1) / 5, 12);
    // MRR: a 1/2, b 1 → 1.5/5.
    expect(metrics.mrr).toBeCloseTo(0.3, 12);
  });

  it('measures coverage, exposure Gini and cross-sector share over the top 10', () => {
    const catalogue = ['a', 'b', 'c', 'd', 'e'];
    // Top-10 appearances: a 2 (b's and d's lists), b 3 (a, c, d), c 2 (a, d), d 2 (a, c), e 1 (a; d's e is 11th).
    expect(catalogueCoverage(lists, catalogue, 10)).toBe(1);
    expect(catalogueCoverage(lists, catalogue, 1)).toBe(0.6); // d, a, b
    // Sorted 1, 2, 2, 2, 3 (sum 10): Σ(2i − 6)·x = −4·1 − 2·2 + 0·2 + 2·2 + 4·3 = 8; G = 8 / (5·10).
    expect(exposureGini(lists, catalogue, 10)).toBeCloseTo(0.16, 12);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75, 12);
    expect(gini([3, 3, 3])).toBe(0);
    const sectors = new Map(Object.entries({ a: 'gemeente', b: 'onderwijs', c: 'gemeente', d: 'onderwijs', e: 'bedrijfsleven', x1: 'gemeente', x2: 'onderwijs' }));
    // Top 2 of each list, 7 suggestions: a→d, a→b, b→a, c→b, c→d, d→a cross; d→b (both onderwijs) not: 6 of 7.
    expect(crossSectorShare(lists, sectors, 2)).toBeCloseTo(6 / 7, 12);
  });

  it('counts the gemeenten whose partners all get a suggestion', () => {
    const partners = [
      { id: 'a', scope: 'local', gemeenten: ['G1'] },
      { id: 'e', scope: 'local', gemeenten: ['G1'] }, // no list: G1 is not fully served
      { id: 'b', scope: 'regional', gemeenten: ['G2', 'G3'] },
      { id: 'c', scope: 'local', gemeenten: ['G3'] },
      { id: 'x', scope: 'local', gemeenten: ['G4'], matchingOptOut: true }, // takes no part: G4 does not count
      { id: 'n', scope: 'national', gemeenten: [] },
    ];
    // G1 no, G2 yes, G3 yes: 2 of 3.
    expect(gemeentenFullyServed(lists, partners)).toBeCloseTo(2 / 3, 12);
  });
});
