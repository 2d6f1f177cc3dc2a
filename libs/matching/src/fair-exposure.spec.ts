import { applyFairExposure, fairExposureActive, topPlaceCounts } from './fair-exposure';
import { DEFAULT_MATCHING_PROFILE, validateMatchingProfile } from './matching-profile';
import { buildFairSuggestions } from './reasons';
import { buildMatchContext, combineComponents } from './reference-scorer';
import { handProfile } from './synthetic';
import type { RankedCandidate } from './types';

/** 'N .9, X .8' → ranked entries. */
const list = (text: string): RankedCandidate[] =>
  text.split(', ').map((part) => {
    const [candidateId, score] = part.split(' ');
    return { candidateId, score: Number(score) };
  });
const ids = (entries: readonly RankedCandidate[]) => entries.map((entry) => entry.candidateId).join(' ');

describe('applyFairExposure', () => {
  // N tops all six lists; X is second in two and sixth in three.
  const lists = new Map([
    ['v1', list('N .9, X .8, a1 .7, a2 .6, a3 .5, a4 .4')],
    ['v2', list('N .8, X .7, b1 .6, b2 .5, b3 .4, b4 .3')],
    ['v3', list('N .7, c1 .6, c2 .5, c3 .4, c4 .3, c5 .2')],
    ['v4', list('N .6, d1 .55, d2 .5, d3 .45, d4 .4, X .35')],
    ['v5', list('N .5, e1 .45, e2 .4, e3 .35, e4 .3, X .25, e5 .2')],
    ['v6', list('N .4, f1 .35, f2 .3, f3 .25, f4 .2, X .15, f5 .1')],
  ]);

  it('changes nothing when neither setting is given', () => {
    expect(fairExposureActive(DEFAULT_MATCHING_PROFILE)).toBe(false);
    const out = applyFairExposure(lists, DEFAULT_MATCHING_PROFILE);
    for (const [viewer, entries] of lists) expect(out.get(viewer)).toEqual({ ranked: entries, capped: [], atCapacity: [] });
  });

  it('caps top-five places, keeping those where the candidate scores best, and again for whoever moved up', () => {
    const profile = { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 3 };
    expect(fairExposureActive(profile)).toBe(true);
    const out = applyFairExposure(lists, profile);
    // Round 1: N keeps v1 (.9), v2 (.8), v3 (.7) and goes to place six in v4–v6, so X moves up into v4–v6's top five.
    // Round 2: X holds v1 .8, v2 .7, v4 .35, v5 .25, v6 .15, keeps the first three and gives way in v5 and v6.
    expect(ids(out.get('v1')!.ranked)).toBe('N X a1 a2 a3 a4');
    expect(ids(out.get('v3')!.ranked)).toBe('N c1 c2 c3 c4 c5');
    expect(ids(out.get('v4')!.ranked)).toBe('d1 d2 d3 d4 X N');
    expect(ids(out.get('v5')!.ranked)).toBe('e1 e2 e3 e4 e5 N X');
    expect(ids(out.get('v6')!.ranked)).toBe('f1 f2 f3 f4 f5 N X');
    expect(out.get('v4')!.capped).toEqual(['N']);
    expect(out.get('v5')!.capped).toEqual(['N', 'X']);
    expect(out.get('v1')!.capped).toEqual([]);
    const counts = topPlaceCounts([...out.values()].map((fair) => fair.ranked));
    expect(counts.get('N')).toBe(3);
    expect(counts.get('X')).toBe(3);
    expect(Math.max(...counts.values())).toBe(3);
    // Only the order changes: the same entries with the same scores.
    for (const [viewer, entries] of lists) {
      expect([...out.get(viewer)!.ranked].sort((x, y) => y.score - x.score)).toEqual(entries);
    }
  });

  it('lets a capped candidate stay in a top five that has no one else left', () => {
    const short = new Map([
      ['v1', list('N .9, a .5')],
      ['v2', list('N .8, b .5')],
    ]);
    const out = applyFairExposure(short, { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 1 });
    expect(ids(out.get('v1')!.ranked)).toBe('N a');
    // N gives way in v2, but v2 has no one else: b first, N second, and the step ends.
    expect(ids(out.get('v2')!.ranked)).toBe('b N');
    expect(out.get('v2')!.capped).toEqual(['N']);
  });

  it('does not depend on the order of the lists', () => {
    const profile = { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 2, maxOpenIntroductions: 1 };
    const open = new Map([['d1', 1]]);
    const reversed = new Map([...lists].reverse());
    expect([...applyFairExposure(reversed, profile, open)].sort()).toEqual([...applyFairExposure(lists, profile, open)].sort());
  });

  it('places a candidate at capacity last in every list, and not before it reaches the limit', () => {
    const profile = { ...DEFAULT_MATCHING_PROFILE, maxOpenIntroductions: 2 };
    expect(ids(applyFairExposure(lists, profile, new Map([['N', 1]])).get('v1')!.ranked)).toBe('N X a1 a2 a3 a4');
    const out = applyFairExposure(lists, profile, new Map([['N', 2], ['a1', 5]]));
    expect(ids(out.get('v1')!.ranked)).toBe('X a2 a3 a4 N a1'); // N and a1 last, in their own order
    expect(out.get('v1')!.atCapacity).toEqual(['N', 'a1']);
    expect(ids(out.get('v6')!.ranked)).toBe('f1 f2 f3 f4 X f5 N');
  });

  it('keeps a candidate at capacity behind everyone when the cap moves others out of the top five', () => {
    const out = applyFairExposure(lists, { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 3, maxOpenIntroductions: 1 }, new Map([['a4', 1]]));
    // v1 before the cap: N X a1 a2 a3 | a4 (at capacity). N and X keep v1; nobody gives way there.
    expect(ids(out.get('v1')!.ranked)).toBe('N X a1 a2 a3 a4');
    const five = applyFairExposure(new Map([['v1', list('N .9, a .5, b .4, c .3, d .2, full .1')], ['v2', list('N .8, e .5')]]), { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 1, maxOpenIntroductions: 1 }, new Map([['full', 1]]));
    // N gives way in v2 (its score .8 < .9): in v1 it stays; 'full' never moves up into a top five.
    expect(ids(five.get('v1')!.ranked)).toBe('N a b c d full');
    const banned = applyFairExposure(new Map([['v1', list('N .5, a .4, b .3, c .2, d .1, full .05')], ['v2', list('N .9, e .5')]]), { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 1, maxOpenIntroductions: 1 }, new Map([['full', 1]]));
    // N gives way in v1 this time; a–d move up and the fifth place goes back to N (no one else is left), not to the candidate at capacity.
    expect(ids(banned.get('v1')!.ranked)).toBe('a b c d N full');
  });

  it('explains the moves in both languages; the shares still sum to the score', () => {
    const viewer = handProfile('v', { opgaven: ['meedoen'] });
    const others = new Map(['n', 'x', 'y'].map((id) => [id, handProfile(id, { opgaven: ['meedoen'] })]));
    const profile = { ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 4, maxOpenIntroductions: 3, diversity: 0 };
    const context = buildMatchContext({ profile });
    const natural = list('n .5, x .5, y .5');
    const fair = { ranked: list('x .5, y .5, n .5'), capped: ['y'], atCapacity: ['n'] };
    const suggestions = buildFairSuggestions(viewer, natural, fair, (id) => others.get(id), context, new Map([['n', 3]]));
    expect(suggestions.map((s) => [s.candidateId, s.rank])).toEqual([['x', 1], ['y', 2], ['n', 3]]);
    const last = suggestions[2].reasons.at(-1)!;
    expect(last).toMatchObject({
      code: 'at-capacity',
      params: { rank: 3, openIntroductions: 3, maxOpenIntroductions: 3 },
      nl: 'Onderaan geplaatst: deze partner heeft al 3 lopende introducties (maximaal 3); hij komt terug zodra er een afgerond is',
      en: 'Placed last: this partner already has 3 open introductions (at most 3); it moves back up once one is completed',
      share: 0,
    });
    expect(suggestions[1].reasons.at(-1)).toMatchObject({
      code: 'exposure-capped',
      nl: 'Lager geplaatst zodat niet overal dezelfde partners bovenaan staan: deze partner staat al in 4 top-5-lijsten waar hij beter past',
      en: 'Placed lower so the same partners do not top every list: this partner already holds 4 top-5 places in lists it fits better',
    });
    expect(suggestions[0].reasons.map((r) => r.code)).not.toContain('diversity-moved');
    // The moves explain the order, not the score: their share is 0 and the others still sum to the pair's score.
    for (const s of suggestions) expect(s.reasons.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(combineComponents(s.components, profile), 12);
  });
});

describe('fair-exposure settings', () => {
  it('accepts null, absent or a positive integer, and names the field otherwise', () => {
    expect(validateMatchingProfile({ ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: null, maxOpenIntroductions: 4 })).toEqual([]);
    expect(validateMatchingProfile({ ...DEFAULT_MATCHING_PROFILE, maxTopPlaces: 0, maxOpenIntroductions: 2.5 })).toEqual([
      { field: 'maxTopPlaces', message: 'must be null or an integer from 1 to 1000000' },
      { field: 'maxOpenIntroductions', message: 'must be null or an integer from 1 to 1000000' },
    ]);
  });
});
