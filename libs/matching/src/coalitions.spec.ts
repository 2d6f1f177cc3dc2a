import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { coalitionArea, proposeCoalition } from './coalitions';
import { buildMatchContext, scorePairReference } from './reference-scorer';
import { generateSyntheticProfiles, handProfile } from './synthetic';
import { PartnerProfile } from './types';

const UTRECHT = 'GM0344';
const ZEIST = 'GM0355';
const GRONINGEN = 'GM0014';

const partner = handProfile;

// In or near Utrecht: A+B is the only pair covering 6 leefdomeinen and 2 sectors (8), and they
// share `meedoen`. After them gezondheid and risico-veiligheid are uncovered; C, D and the two
// national partners each add one of those plus a sector (gain 2). C wins on pair score: it works
// in Utrecht itself (region 1) where D is in Zeist (~9 km) and the national ones reach 0.5.
const a = partner('a-gemeente', { sector: 'gemeente', leefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving', 'maatschappelijke-participatie'], opgaven: ['meedoen', 'bestaanszekerheid'] });
const b = partner('b-school', { sector: 'onderwijs', leefdomeinen: ['onderwijs', 'subjectief-welbevinden', 'relaties'], opgaven: ['meedoen', 'kansengelijkheid-onderwijs'] });
const c = partner('c-ggd', { sector: 'jeugdgezondheidszorg', scope: 'regional', gemeenten: [ZEIST, UTRECHT], leefdomeinen: ['gezondheid', 'relaties'], opgaven: ['meedoen', 'gezond-opgroeien'] });
const d = partner('d-supermarkt', { sector: 'bedrijfsleven', gemeenten: [ZEIST], leefdomeinen: ['materieel-welzijn', 'gezondheid'], opgaven: ['meedoen'] });
const e = partner('e-voedselbank', { leefdomeinen: ['materieel-welzijn'], opgaven: ['bestaanszekerheid'] });
const far = partner('f-groningen', { gemeenten: [GRONINGEN], leefdomeinen: ['risico-veiligheid'], opgaven: ['meedoen'] });
const optedOut = partner('g-opted-out', { sector: 'bedrijfsleven', leefdomeinen: ['risico-veiligheid'], opgaven: ['meedoen'], matchingOptOut: true });
const ministerie = partner('n-ministerie', { sector: 'rijksoverheid', scope: 'national', gemeenten: [], leefdomeinen: ['risico-veiligheid'], opgaven: ['meedoen'] });
const kennis = partner('n-kennis', { sector: 'kennisinstelling', scope: 'national', gemeenten: [], leefdomeinen: ['risico-veiligheid', 'relaties'], opgaven: ['meedoen'] });
const everyone = [a, b, c, d, e, far, optedOut, ministerie, kennis];

const ids = (coalition: { members: { partnerId: string }[] }) => coalition.members.map((member) => member.partnerId);

describe('coalitionArea', () => {
  it('holds the gemeente, its neighbours and the gemeenten within the distance', () => {
    const area = coalitionArea(UTRECHT);
    expect(area).toEqual(expect.arrayContaining([UTRECHT, ZEIST, 'GM0356']));
    expect(area).not.toContain(GRONINGEN);
    expect(coalitionArea(UTRECHT, 0)).toEqual([UTRECHT, 'GM0310', 'GM0312', 'GM0321', 'GM0335', 'GM0353', 'GM0355', 'GM0356', 'GM0632', 'GM1904'].sort());
    expect(() => coalitionArea('GM9999')).toThrow('Unknown gemeente');
  });
});

describe('proposeCoalition', () => {
  it('starts from the pair covering most and adds the largest weighted gain', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 4 });
    // Fourth: only risico-veiligheid is left; both national partners add it and a sector, the
    // kennisinstelling fits the members better (sector affinity, shared relaties) than the ministry.
    expect(ids(coalition)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'n-kennis']);
    expect(coalition.candidates).toEqual({ local: 5, national: 2 });
    expect(coalition.covered).toEqual({ leefdomeinen: LEEFDOMEIN_CODES, sectors: ['gemeente', 'onderwijs', 'jeugdgezondheidszorg', 'kennisinstelling'] });
    expect(coalition.uncovered).toEqual({ leefdomeinen: [], sectors: ['rijksoverheid', 'brancheorganisatie', 'maatschappelijke-organisatie', 'bedrijfsleven'] });
    expect(coalition.sharedOpgaven).toEqual(['meedoen']);
    expect(coalition.note).toBeNull();
    expect(coalition.members.map((m) => [m.addedLeefdomeinen, m.addedSector, m.sharedOpgaven, m.distanceKm])).toEqual([
      [['materieel-welzijn', 'huisvesting-leefomgeving', 'maatschappelijke-participatie'], 'gemeente', ['meedoen'], 0],
      [['relaties', 'onderwijs', 'subjectief-welbevinden'], 'onderwijs', ['meedoen'], 0],
      [['gezondheid'], 'jeugdgezondheidszorg', ['meedoen'], 0],
      [['risico-veiligheid'], 'kennisinstelling', ['meedoen'], null],
    ]);
  });

  it('scores members with the pair scorer: each member against those before it', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 4 });
    const context = buildMatchContext();
    const pair = (x: PartnerProfile, y: PartnerProfile) => scorePairReference(x, y, context).score;
    const [first, second, third] = coalition.members;
    expect(first.pairScore).toBeCloseTo(pair(a, b), 4);
    expect(second.pairScore).toBeCloseTo(pair(a, b), 4);
    expect(third.pairScore).toBeCloseTo((pair(c, a) + pair(c, b)) / 2, 4);
    const all = [a, b, c, kennis];
    const pairs = all.flatMap((x, i) => all.slice(i + 1).map((y) => pair(x, y)));
    const cohesion = pairs.reduce((sum, value) => sum + value, 0) / pairs.length;
    expect(coalition.cohesion).toBeCloseTo(cohesion, 4);
    expect(coalition.coverage).toBeCloseTo((8 / 8 + 4 / 4) / 2, 4);
    expect(coalition.score).toBeCloseTo((coalition.coverage + cohesion) / 2, 4);
  });

  it('explains each member in Dutch and English', () => {
    const [, school, , national] = proposeCoalition(UTRECHT, everyone, { size: 4 }).members;
    expect(school.reasons.map((r) => r.nl)).toEqual([
      'Werkt in Utrecht',
      'Brengt de leefdomeinen Relaties, Onderwijs en Subjectief welbevinden in',
      'Brengt de sector Onderwijs (scholen) in',
      'Deelt de opgave Meedoen met de coalitie',
      expect.stringMatching(/^Paarscore met de eerste partner: 0,\d\d$/),
    ]);
    expect(school.reasons.map((r) => r.code)).toEqual(['works-in-gemeente', 'adds-leefdomeinen', 'adds-sector', 'shares-opgaven', 'fits-members']);
    expect(school.reasons[1]).toMatchObject({ params: { leefdomeinen: ['relaties', 'onderwijs', 'subjectief-welbevinden'] }, en: 'Brings in the life domains Relationships, Education and Subjective well-being' });
    expect(national.reasons[0]).toMatchObject({ code: 'works-nationally', nl: 'Werkt landelijk, dus ook in Utrecht', en: 'Works nationwide, so also in Utrecht' });
    expect(national.reasons[1].nl).toBe('Brengt het leefdomein Risico en veiligheid in');
  });

  it('gives the distance of a partner working near the gemeente', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 5 });
    const supermarket = coalition.members[4];
    expect(supermarket).toMatchObject({ partnerId: 'd-supermarkt', addedLeefdomeinen: [], addedSector: 'bedrijfsleven' });
    expect(supermarket.distanceKm).toBeGreaterThan(5);
    expect(supermarket.reasons[0]).toMatchObject({ code: 'works-nearby', params: { gemeente: ZEIST, km: supermarket.distanceKm } });
    expect(supermarket.reasons[0].nl).toMatch(/^Werkt in Zeist, \d+(\.\d)? km van Utrecht$/);
  });

  it('takes at most one national partner, and says so when it runs out of partners', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 6 });
    // e shares no opgave with the coalition's shared ones, the ministry would be a second national one.
    expect(ids(coalition)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'n-kennis', 'd-supermarkt']);
    expect(coalition.note).toMatchObject({ code: 'smaller-than-requested', params: { requested: 6, size: 5 } });
    expect(ids(proposeCoalition(UTRECHT, everyone, { size: 4, maxNational: 0 }))).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'd-supermarkt']);
  });

  it('never takes opted-out or far-away partners', () => {
    for (const size of [2, 3, 4, 5, 6]) {
      const members = ids(proposeCoalition(UTRECHT, everyone, { size }));
      expect(members).not.toContain('g-opted-out');
      expect(members).not.toContain('f-groningen');
    }
  });

  it('is empty, with the reason, when no coalition can start', () => {
    const none = proposeCoalition(GRONINGEN, [a, b, ministerie]);
    expect(none).toMatchObject({ members: [], score: 0, candidates: { local: 0, national: 1 }, note: { code: 'no-candidates' } });
    expect(none.note?.nl).toBe('Er werken geen lokale of regionale partners in of rond Groningen');
    expect(none.uncovered).toEqual({ leefdomeinen: LEEFDOMEIN_CODES, sectors: SECTOR_CODES });
    expect(proposeCoalition(UTRECHT, [a, ministerie, kennis]).note?.code).toBe('too-few-candidates');
    expect(proposeCoalition(UTRECHT, [b, e]).note?.code).toBe('no-shared-opgaven');
    expect(() => proposeCoalition(UTRECHT, everyone, { size: 1 })).toThrow('size');
  });
});

/** The same rules without any pruning: every pair, every candidate, every step. */
function bruteForce(gemeente: string, partners: PartnerProfile[], size: number, maxNational: number): string[] {
  const context = buildMatchContext();
  const area = new Set(coalitionArea(gemeente));
  const candidates = partners
    .filter((p) => !p.matchingOptOut && (p.scope === 'national' || p.gemeenten.some((g) => area.has(g))))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  const pair = (x: PartnerProfile, y: PartnerProfile) => scorePairReference(x, y, context).score;
  const union = (lists: string[][]) => new Set(lists.flat());
  const better = (x: number[], y: number[] | undefined) => !y || x[0] > y[0] || (x[0] === y[0] && x[1] > y[1]);
  let start: { members: PartnerProfile[]; key: number[] } | undefined;
  const locals = candidates.filter((p) => p.scope !== 'national');
  for (let i = 0; i < locals.length; i++) {
    for (let j = i + 1; j < locals.length; j++) {
      const [x, y] = [locals[i], locals[j]];
      const shared = x.opgaven.filter((o) => y.opgaven.includes(o));
      if (shared.length === 0) continue;
      const cover = union([x.leefdomeinen, y.leefdomeinen]).size + union([[x.sector], [y.sector]]).size;
      const weight = (shared.length / union([x.opgaven, y.opgaven]).size + pair(x, y)) / 2;
      const key = [cover * (1 + weight), weight];
      if (better(key, start?.key)) start = { members: [x, y], key };
    }
  }
  if (!start) return [];
  const members = [...start.members];
  while (members.length < size) {
    const focus = OPGAVE_CODES.filter((o) => members.filter((m) => m.opgaven.includes(o)).length >= 2);
    const domains = union(members.map((m) => m.leefdomeinen));
    const sectors = new Set(members.map((m) => m.sector));
    let best: { candidate: PartnerProfile; key: number[] } | undefined;
    for (const candidate of candidates) {
      const shared = focus.filter((o) => candidate.opgaven.includes(o));
      if (members.includes(candidate) || shared.length === 0) continue;
      if (candidate.scope === 'national' && members.filter((m) => m.scope === 'national').length >= maxNational) continue;
      const gain = candidate.leefdomeinen.filter((l) => !domains.has(l)).length + (sectors.has(candidate.sector) ? 0 : 1);
      const weight = (shared.length / focus.length + members.reduce((sum, m) => sum + pair(candidate, m), 0) / members.length) / 2;
      const key = [gain * (1 + weight), weight];
      if (better(key, best?.key)) best = { candidate, key };
    }
    if (!best) break;
    members.push(best.candidate);
  }
  return members.map((m) => m.id);
}

describe('proposeCoalition on synthetic partners', () => {
  const profiles = generateSyntheticProfiles({ count: 1500, seed: 61 });
  const busy = ['GM0344', 'GM0363', 'GM0014', 'GM0599', 'GM0153'];

  it('picks what the exhaustive search picks, the pruning changes nothing', () => {
    for (const gemeente of busy) {
      for (const [size, maxNational] of [[3, 1], [6, 1], [5, 0]]) {
        const coalition = proposeCoalition(gemeente, profiles, { size, maxNational });
        const members = ids(coalition);
        expect(new Set(members).size).toBe(members.length);
        expect({ gemeente, size, members: new Set(members) }).toEqual({ gemeente, size, members: new Set(bruteForce(gemeente, profiles, size, maxNational)) });
      }
    }
  });

  it('keeps the rules: in the area or national, never opted out, growing coverage, shared opgaven', () => {
    const byId = new Map(profiles.map((p) => [p.id, p]));
    for (const gemeente of busy) {
      const area = new Set(coalitionArea(gemeente));
      const coalition = proposeCoalition(gemeente, profiles, { size: 6 });
      const members = coalition.members.map((m) => byId.get(m.partnerId)!);
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members.filter((m) => m.scope === 'national').length).toBeLessThanOrEqual(1);
      for (const m of members) {
        expect(m.matchingOptOut).toBeFalsy();
        expect(m.scope === 'national' || m.gemeenten.some((g) => area.has(g))).toBe(true);
      }
      expect(members.slice(0, 2).every((m) => m.scope !== 'national')).toBe(true);
      const added = coalition.members.flatMap((m) => m.addedLeefdomeinen);
      expect(new Set(added).size).toBe(added.length);
      expect([...added].sort()).toEqual([...coalition.covered.leefdomeinen].sort());
      expect([...coalition.covered.leefdomeinen, ...coalition.uncovered.leefdomeinen].sort()).toEqual([...LEEFDOMEIN_CODES].sort());
      for (const m of coalition.members.slice(2)) expect(m.sharedOpgaven.length).toBeGreaterThan(0);
      expect(coalition.score).toBeGreaterThan(0);
      expect(coalition.score).toBeLessThanOrEqual(1);
    }
  });

  it('covers at least as many leefdomeinen as the best-scoring pair of its candidates', () => {
    const context = buildMatchContext();
    for (const gemeente of busy) {
      const area = new Set(coalitionArea(gemeente));
      const locals = profiles.filter((p) => !p.matchingOptOut && p.scope !== 'national' && p.gemeenten.some((g) => area.has(g)));
      let best = { score: -1, domains: 0 };
      for (let i = 0; i < locals.length; i++) {
        for (let j = i + 1; j < locals.length; j++) {
          const score = scorePairReference(locals[i], locals[j], context).score;
          if (score > best.score) best = { score, domains: new Set([...locals[i].leefdomeinen, ...locals[j].leefdomeinen]).size };
        }
      }
      expect(proposeCoalition(gemeente, profiles, { size: 4 }).covered.leefdomeinen.length).toBeGreaterThanOrEqual(best.domains);
    }
  });

  it('does not depend on the order of the partners', () => {
    const reversed = [...profiles].reverse();
    for (const gemeente of busy) expect(proposeCoalition(gemeente, reversed, { size: 5 })).toEqual(proposeCoalition(gemeente, profiles, { size: 5 }));
  });
});
