import { findGemeente } from '@app/taxonomy';
import { haversineKm } from './components';
import { DEFAULT_MATCHING_PROFILE, MatchingProfile } from './matching-profile';
import { buildMatchContext, componentsReference, isSuggestable, scorePairReference } from './reference-scorer';
import { generateSyntheticConnections, generateSyntheticProfiles } from './synthetic';
import { COMPONENT_NAMES, PartnerProfile } from './types';

const partner = (overrides: Partial<PartnerProfile> & { id: string }): PartnerProfile => ({
  sector: 'gemeente',
  scope: 'local',
  gemeenten: ['GM0344'],
  leefdomeinen: [],
  opgaven: [],
  offers: [],
  needs: [],
  ...overrides,
});

describe('components, computed by hand', () => {
  const context = buildMatchContext({
    connections: [
      { a: 'a', b: 'x' }, { a: 'a', b: 'y' }, { a: 'a', b: 'z' },
      { a: 'b', b: 'y' }, { a: 'b', b: 'z' }, { a: 'b', b: 'w' },
    ],
  });
  const a = partner({
    id: 'a',
    opgaven: ['meedoen', 'een-fijn-thuis'],
    leefdomeinen: ['gezondheid', 'onderwijs'],
    offers: ['vrijwilligers'],
    needs: ['voedsel', 'locatie'],
  });
  const b = partner({
    id: 'b',
    sector: 'onderwijs',
    opgaven: ['meedoen', 'bestaanszekerheid', 'beeldvorming'],
    leefdomeinen: ['onderwijs', 'relaties', 'materieel-welzijn'],
    offers: ['voedsel'],
    needs: ['vrijwilligers', 'financiering'],
  });

  it('gives each component its hand-computed value', () => {
    const c = componentsReference(a, b, context);
    expect(c.opgaven).toBeCloseTo(1 / 4, 12); // {meedoen} of 4 distinct opgaven
    expect(c.leefdomeinen).toBeCloseTo(0.5 * (1 / 4) + 0.5 * (4 / 8), 12); // 1 shared of 4, 4 of 8 covered
    expect(c.sector).toBe(0.85); // gemeente × onderwijs in the default table
    expect(c.region).toBe(1); // both in Utrecht
    expect(c.reciprocity).toBeCloseTo((1 + 1) / (2 + 2), 12); // voedsel for a, vrijwilligers for b
    expect(c.network).toBeCloseTo(2 / 4, 12); // y, z shared of x, y, z, w
  });

  it('combines the components as Σ wᵢ·cᵢ / Σ wᵢ', () => {
    const w = DEFAULT_MATCHING_PROFILE.weights;
    // Σw = 1 in the default profile (0.3 + 0.1 + 0.1 + 0.3 + 0.1 + 0.1); network 2/4 counts since it has weight 0.1.
    const expected = (w.opgaven * 0.25 + w.leefdomeinen * 0.375 + w.sector * 0.85 + w.region * 1 + w.reciprocity * 0.5 + w.network * 0.5) / 1;
    expect(expected).toBeCloseTo(0.3 * 0.25 + 0.1 * 0.375 + 0.1 * 0.85 + 0.3 + 0.1 * 0.5 + 0.1 * 0.5, 12); // 0.5975
    expect(scorePairReference(a, b, context).score).toBeCloseTo(expected, 12);
  });

  it('scores empty sets as sharing nothing', () => {
    const c = componentsReference(partner({ id: 'p' }), partner({ id: 'q' }), buildMatchContext());
    expect(c.opgaven).toBe(0);
    expect(c.leefdomeinen).toBe(0);
    expect(c.reciprocity).toBe(0);
    expect(c.network).toBe(0);
  });

  it('decays the region with the distance between the nearest gemeenten', () => {
    expect(haversineKm(52, 4, 53, 4)).toBeCloseTo(111.19, 2); // one degree of latitude
    const amsterdam = findGemeente('GM0363')!;
    const utrecht = findGemeente('GM0344')!;
    const km = haversineKm(amsterdam.lat, amsterdam.lon, utrecht.lat, utrecht.lon);
    expect(km).toBeGreaterThan(30);
    expect(km).toBeLessThan(40);
    const ctx = buildMatchContext();
    const inAmsterdam = partner({ id: 'p', gemeenten: ['GM0363'] });
    const inUtrecht = partner({ id: 'q', gemeenten: ['GM0344'] });
    // Half-distance 8 km in the default profile: 2^(−km/8), about 0.06 at 32–33 km.
    expect(componentsReference(inAmsterdam, inUtrecht, ctx).region).toBeCloseTo(Math.pow(2, -km / 8), 12);
    // The nearest pair counts: adding Utrecht to p's area makes them neighbours.
    expect(componentsReference({ ...inAmsterdam, gemeenten: ['GM0014', 'GM0344'] }, inUtrecht, ctx).region).toBe(1);
  });

  it('lets national partners reach everyone and gives regional partners a floor', () => {
    const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, nationalReach: 0.6, regionalReach: 0.3 };
    const ctx = buildMatchContext({ profile });
    const groningen = partner({ id: 'p', gemeenten: ['GM0014'] });
    const maastricht = partner({ id: 'q', gemeenten: ['GM0935'] });
    expect(componentsReference(groningen, maastricht, ctx).region).toBeLessThan(0.001);
    expect(componentsReference(groningen, { ...maastricht, scope: 'regional' }, ctx).region).toBe(0.3);
    expect(componentsReference(groningen, { ...maastricht, scope: 'national', gemeenten: [] }, ctx).region).toBe(0.6);
    expect(componentsReference({ ...groningen, gemeenten: ['GM9999'] }, maastricht, ctx).region).toBe(0);
  });

  it('never suggests self, opted-out partners, connections or excluded pairs', () => {
    const ctx = buildMatchContext({ connections: [{ a: 'a', b: 'b' }], excludedPairs: [{ a: 'c', b: 'a' }] });
    const [pa, pb, pc, pd] = ['a', 'b', 'c', 'd'].map((id) => partner({ id }));
    expect(isSuggestable(pa, pa, ctx)).toBe(false);
    expect(isSuggestable(pa, pb, ctx)).toBe(false);
    expect(isSuggestable(pb, pa, ctx)).toBe(false);
    expect(isSuggestable(pa, pc, ctx)).toBe(false);
    expect(isSuggestable(pa, pd, ctx)).toBe(true);
    expect(isSuggestable(pa, { ...pd, matchingOptOut: true }, ctx)).toBe(false);
  });
});

describe('score properties on random profiles', () => {
  const profiles = generateSyntheticProfiles({ count: 400, seed: 11 });
  const connections = generateSyntheticConnections(profiles, { seed: 12, perPartner: 6 });
  const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.1 } };
  const context = buildMatchContext({ connections, profile });
  const pairs = Array.from({ length: 2000 }, (_, i) => [profiles[(i * 7) % 400], profiles[(i * 13 + 5) % 400]] as const);

  it('keeps every component and the score in [0, 1] and symmetric', () => {
    for (const [a, b] of pairs) {
      const ab = scorePairReference(a, b, context);
      const ba = scorePairReference(b, a, context);
      expect(ab.score).toBeGreaterThanOrEqual(0);
      expect(ab.score).toBeLessThanOrEqual(1);
      for (const name of COMPONENT_NAMES) {
        expect(ab.components[name]).toBeGreaterThanOrEqual(0);
        expect(ab.components[name]).toBeLessThanOrEqual(1);
        expect(ab.components[name]).toBe(ba.components[name]);
      }
      expect(ab.score).toBe(ba.score);
    }
  });

  it('never lowers the score when a pair gets one more shared opgave', () => {
    let checked = 0;
    for (const [a, b] of pairs) {
      const extra = b.opgaven.find((code) => !a.opgaven.includes(code));
      if (!extra) continue;
      const before = scorePairReference(a, b, context).score;
      const after = scorePairReference({ ...a, opgaven: [...a.opgaven, extra] }, b, context).score;
      expect(after).toBeGreaterThanOrEqual(before);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });
});
