import { compareLists } from './list-comparison';

const lists = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

describe('compareLists', () => {
  it('finds nothing changed in identical lists', () => {
    const today = lists({ a: ['b', 'c'], b: ['a', 'c'], c: [] });
    expect(compareLists(today, lists({ a: ['b', 'c'], b: ['a', 'c'], c: [] }))).toEqual({
      listsCompared: 3,
      changedLists: 0,
      meanOverlap: 1,
      gainers: [],
      losers: [],
    });
  });

  it('counts a reordered, shortened or new list as changed', () => {
    const result = compareLists(lists({ a: ['b', 'c'], b: ['a', 'c'], c: ['a'] }), lists({ a: ['c', 'b'], b: ['a'], c: ['a'], d: ['a'] }));
    expect(result.listsCompared).toBe(4);
    expect(result.changedLists).toBe(3);
  });

  it('measures the overlap of the top n and who enters or leaves top lists most', () => {
    const before = lists({ a: ['b', 'c', 'd'], b: ['c', 'd', 'a'], c: ['d', 'b', 'a'], d: [] });
    const after = lists({ a: ['b', 'd', 'c'], b: ['a', 'd', 'c'], c: ['a', 'b', 'd'], d: ['a'] });
    const result = compareLists(before, after, 2);
    // top 2: a {b,c}→{b,d} ½, b {c,d}→{a,d} ½, c {d,b}→{a,b} ½
    expect(result.meanOverlap).toBeCloseTo(0.5);
    expect(result.gainers).toEqual([{ id: 'a', before: 0, after: 3 }]);
    expect(result.losers).toEqual([{ id: 'c', before: 2, after: 0 }]);
  });

  it('has no overlap to report when no list existed before', () => {
    expect(compareLists(new Map(), lists({ a: ['b'] })).meanOverlap).toBeNull();
  });
});
