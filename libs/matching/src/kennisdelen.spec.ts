import { DEFAULT_KENNISDELEN_PROFILE, explainKennisdelen, kennisdelenComponents, kennisdelenEligible, rankKennisdelen, validateKennisdelenProfile } from './kennisdelen';
import { pairKey } from './reference-scorer';
import { handProfile } from './synthetic';

// The example: two gemeenten with a youth council far apart, a national organisation bringing ervaringskennis, a hogeschool.
const leiden = handProfile('leiden', {
  sector: 'gemeente', gemeenten: ['GM0546'], opgaven: ['meedoen', 'beeldvorming'], leefdomeinen: ['maatschappelijke-participatie', 'relaties'],
  kennisbronnen: ['praktijk'], verandertheorie: ['versterken'],
});
const nijmegen = handProfile('nijmegen', {
  sector: 'gemeente', gemeenten: ['GM0268'], opgaven: ['meedoen'], leefdomeinen: ['maatschappelijke-participatie'],
  kennisbronnen: ['praktijk'], verandertheorie: ['versterken', 'veranderen'],
});
const halt = handProfile('halt', {
  scope: 'national', gemeenten: [], opgaven: ['meedoen'], leefdomeinen: ['maatschappelijke-participatie', 'risico-veiligheid'], kennisbronnen: ['ervaring', 'praktijk'],
});
const hogeschool = handProfile('hogeschool', {
  sector: 'kennisinstelling', gemeenten: ['GM0014'], opgaven: ['beeldvorming', 'systeemverandering'], leefdomeinen: ['relaties'],
  kennisbronnen: ['wetenschap'], verandertheorie: ['veranderen'],
});
const elsewhere = handProfile('elsewhere', { gemeenten: ['GM0546'], opgaven: ['een-fijn-thuis'], leefdomeinen: ['gezondheid'], kennisbronnen: ['wetenschap'] });

describe('kennisdelen, computed by hand (weights .35 / .25 / .2 / .1 / .1, Σ 1)', () => {
  it('two gemeenten far apart: peers with a shared opgave, leefdomein and verandertheorie level', () => {
    expect(kennisdelenComponents(leiden, nijmegen)).toEqual({ opgaven: 1 / 2, leefdomeinen: 1 / 2, kennisbronnen: 0, verandertheorie: 1 / 2, peers: 1 });
    const { score, reasons } = explainKennisdelen(leiden, nijmegen);
    expect(score).toBeCloseTo(0.35 * 0.5 + 0.25 * 0.5 + 0.1 * 0.5 + 0.1 * 1, 12); // 0.45
    expect(reasons.map((r) => [r.code, Number(r.share.toFixed(3))])).toEqual([
      ['shared-opgaven', 0.175], ['shared-leefdomeinen', 0.125], ['same-sector-peers', 0.1], ['shared-verandertheorie', 0.05],
    ]);
    expect(reasons[0]).toMatchObject({ nl: 'Jullie werken allebei aan Meedoen: jullie kunnen van elkaars aanpak leren', en: "You both work on Taking part: you can learn from each other's approach" });
    expect(reasons[2]).toMatchObject({ nl: 'Vakgenoten (Gemeente): hetzelfde werk op een andere plek', en: 'Peers (Municipality): the same work in another place' });
    expect(reasons[3]).toMatchObject({ params: { levels: ['versterken'] }, nl: 'Jullie werken allebei aan versterken uit de verandertheorie', en: 'You both work on strengthen in the theory of change' });
  });

  it('distance does not count: the same pair in other gemeenten scores the same', () => {
    expect(explainKennisdelen(leiden, { ...nijmegen, gemeenten: ['GM0546'] }).score).toBe(explainKennisdelen(leiden, nijmegen).score);
    expect(explainKennisdelen(leiden, { ...nijmegen, gemeenten: ['GM0014'] }).score).toBe(explainKennisdelen(leiden, nijmegen).score);
  });

  it('a national organisation bringing ervaringskennis: complementary kennisbronnen, another sector', () => {
    expect(kennisdelenComponents(leiden, halt)).toEqual({ opgaven: 1 / 2, leefdomeinen: 1 / 3, kennisbronnen: 1 / 3, verandertheorie: 0, peers: 0.5 });
    const { score, reasons } = explainKennisdelen(leiden, halt);
    expect(score).toBeCloseTo(0.175 + 0.25 / 3 + 0.2 / 3 + 0.05, 12); // 0.375
    const kennis = reasons.find((r) => r.code === 'complementary-kennisbronnen')!;
    expect(kennis).toMatchObject({ params: { yours: [], theirs: ['ervaring'] }, nl: 'Jullie brengen verschillende kennis mee: hun ervaringskennis', en: 'You bring different knowledge: their lived-experience knowledge' });
    expect(reasons.find((r) => r.code === 'other-sector-view')!.en).toBe('A view from outside: Civil society organisation looks at the same task differently');
    // Not stated by Halt: no verandertheorie reason.
    expect(reasons.some((r) => r.code === 'shared-verandertheorie')).toBe(false);
  });

  it('practice with science: both sides named, from either side', () => {
    expect(kennisdelenComponents(leiden, hogeschool).kennisbronnen).toBeCloseTo(2 / 3, 12);
    const reason = (a: typeof leiden, b: typeof leiden) => explainKennisdelen(a, b).reasons.find((r) => r.code === 'complementary-kennisbronnen')!;
    expect(reason(leiden, hogeschool)).toMatchObject({ nl: 'Jullie brengen verschillende kennis mee: jullie praktijkkennis en hun wetenschapskennis', en: 'You bring different knowledge: your practice knowledge and their scientific knowledge' });
    expect(reason(hogeschool, leiden).en).toBe('You bring different knowledge: your scientific knowledge and their practice knowledge');
    expect(explainKennisdelen(leiden, hogeschool).score).toBeCloseTo(0.35 / 3 + 0.125 + (0.2 * 2) / 3 + 0.05, 12); // 0.425
    // Unstated kennisbronnen complement nothing.
    expect(kennisdelenComponents(leiden, { ...hogeschool, kennisbronnen: undefined }).kennisbronnen).toBe(0);
  });

  it('ranks the eligible pairs best first, leaving out pairs that share no opgave or leefdomein, connected pairs and opted-out partners', () => {
    const everyone = [leiden, nijmegen, halt, hogeschool, elsewhere, handProfile('out', { opgaven: ['meedoen'], matchingOptOut: true })];
    expect(kennisdelenEligible(leiden, elsewhere)).toBe(false);
    const list = rankKennisdelen(leiden, everyone);
    expect(list.map((s) => [s.candidateId, s.rank, Number(s.score.toFixed(3))])).toEqual([['nijmegen', 1, 0.45], ['hogeschool', 2, 0.425], ['halt', 3, 0.375]]);
    for (const s of list) expect(s.reasons.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(s.score, 12);
    expect(rankKennisdelen(leiden, everyone, { connections: [{ a: 'nijmegen', b: 'leiden' }] }).map((s) => s.candidateId)).toEqual(['hogeschool', 'halt']);
    expect(rankKennisdelen(leiden, everyone, { profile: { ...DEFAULT_KENNISDELEN_PROFILE, k: 1 } })).toHaveLength(1);
    expect(kennisdelenEligible(leiden, nijmegen, new Set([pairKey('leiden', 'nijmegen')]))).toBe(false);
  });

  it('validates a profile, naming the field', () => {
    expect(validateKennisdelenProfile(DEFAULT_KENNISDELEN_PROFILE)).toEqual([]);
    expect(validateKennisdelenProfile({ ...DEFAULT_KENNISDELEN_PROFILE, weights: { ...DEFAULT_KENNISDELEN_PROFILE.weights, region: 1 }, k: 0 })).toEqual([
      { field: 'weights.region', message: 'is not a component (use opgaven, leefdomeinen, kennisbronnen, verandertheorie, peers)' },
      { field: 'k', message: 'must be an integer from 1 to 200' },
    ]);
    expect(() => rankKennisdelen(leiden, [], { profile: { ...DEFAULT_KENNISDELEN_PROFILE, crossSectorPeers: 2 } })).toThrow('crossSectorPeers must be a number between 0 and 1');
  });
});
