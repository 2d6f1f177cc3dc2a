import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { coalitionArea, proposeCoalition } from './coalitions';
import { buildMatchContext, scorePairReference } from './reference-scorer';
import { generateSyntheticProfiles, handProfile } from './synthetic';
import { PartnerProfile } from './types';

const UTRECHT = 'GM0344';
const ZEIST = 'GM0355';
const GRONINGEN = 'GM0014';
const NIEUWEGEIN = 'GM0356';

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
    // a, b, c (regional, lists Utrecht) and e work in Utrecht; d only in Zeist.
    expect(coalition.candidates).toEqual({ local: 4, nearby: 1, national: 2 });
    expect(coalition).toMatchObject({ widened: false, widenedReason: null });
    expect(coalition.members.map((m) => m.origin)).toEqual(['gemeente', 'gemeente', 'gemeente', 'national']);
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

  it('takes a nearby partner only when the gemeente and the national ones run out, and gives its distance', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 5 });
    const supermarket = coalition.members[4];
    // e shares no shared opgave and the ministry would be a second national partner: Utrecht runs out.
    expect(supermarket).toMatchObject({ partnerId: 'd-supermarkt', origin: 'nearby', addedLeefdomeinen: [], addedSector: 'bedrijfsleven' });
    expect(coalition.widened).toBe(true);
    expect(coalition.widenedReason).toMatchObject({
      code: 'widened-to-fill',
      params: { cause: 'fill', requested: 5, local: 4 },
      nl: 'In Utrecht zelf en landelijk werken te weinig passende partners voor een coalitie van 5; daarom zijn ook partners uit buurgemeenten en gemeenten binnen 20 km bekeken',
    });
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
    for (const size of [3, 4, 5, 6]) {
      const members = ids(proposeCoalition(UTRECHT, everyone, { size }));
      expect(members).not.toContain('g-opted-out');
      expect(members).not.toContain('f-groningen');
    }
  });

  it('is empty, with the reason, when no coalition can start', () => {
    const none = proposeCoalition(GRONINGEN, [a, b, ministerie]);
    expect(none).toMatchObject({ members: [], score: 0, candidates: { local: 0, nearby: 0, national: 1 }, note: { code: 'no-candidates' }, widened: true });
    expect(none.widenedReason?.code).toBe('widened-to-start');
    expect(none.note?.nl).toBe('Er werken geen lokale of regionale partners in of rond Groningen');
    expect(none.uncovered).toEqual({ leefdomeinen: LEEFDOMEIN_CODES, sectors: SECTOR_CODES });
    expect(proposeCoalition(UTRECHT, [a, ministerie, kennis]).note?.code).toBe('too-few-candidates');
    expect(proposeCoalition(UTRECHT, [b, e]).note?.code).toBe('no-shared-opgaven');
    expect(() => proposeCoalition(UTRECHT, everyone, { size: 1 })).toThrow('size');
    expect(() => proposeCoalition(UTRECHT, everyone, { size: 2 })).toThrow('size');
  });
});

describe('proposeCoalition: the gemeente first', () => {
  // z in Zeist would add two leefdomeinen and a sector at the third step (gain 3, against c's 2),
  // but Utrecht's own partners and the national ones still fill a coalition of four.
  const z = partner('z-zeist', { sector: 'bedrijfsleven', gemeenten: [ZEIST], leefdomeinen: ['gezondheid', 'risico-veiligheid'], opgaven: ['meedoen'] });

  it('prefers the gemeente\'s own partners over a nearby one that covers more', () => {
    const coalition = proposeCoalition(UTRECHT, [...everyone, z], { size: 4 });
    expect(ids(coalition)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'n-kennis']);
    expect(coalition.widened).toBe(false);
    // Without Utrecht's own c and the national partners, z is what is left.
    expect(ids(proposeCoalition(UTRECHT, [a, b, z], { size: 3 }))).toEqual(['a-gemeente', 'b-school', 'z-zeist']);
  });

  it('starts from nearby partners when none work in the gemeente itself, and says so', () => {
    const coalition = proposeCoalition(NIEUWEGEIN, everyone, { size: 3 });
    expect(coalition.candidates.local).toBe(0);
    expect(coalition.members.slice(0, 2).map((m) => m.origin)).toEqual(['nearby', 'nearby']);
    expect(coalition.widenedReason).toMatchObject({
      code: 'widened-to-start',
      params: { cause: 'start', local: 0 },
      nl: 'In Nieuwegein zelf werkt geen lokale of regionale partner; daarom zijn ook partners uit buurgemeenten en gemeenten binnen 20 km bekeken',
      en: 'No local or regional partner works in Nieuwegein itself, so partners from neighbouring gemeenten and those within 20 km were considered too',
    });
    expect(proposeCoalition(UTRECHT, [b, e, d], { size: 3 }).widenedReason?.nl).toBe(
      'Geen twee partners in Utrecht zelf werken aan dezelfde opgave; daarom zijn ook partners uit buurgemeenten en gemeenten binnen 20 km bekeken',
    );
  });
});

describe('proposeCoalition: ervaringskennis', () => {
  // x works in Utrecht and brings ervaringskennis, but shares no coalition opgave (meedoen):
  // the greedy step alone would never take it.
  const x = partner('x-ervaring', { leefdomeinen: [], opgaven: ['bestaanszekerheid'], kennisbronnen: ['ervaring', 'praktijk'] });

  it('says so when nobody in the gemeente or nationwide brings it', () => {
    const coalition = proposeCoalition(UTRECHT, everyone, { size: 4 });
    expect(coalition.ervaringskennis).toEqual({
      included: false,
      candidates: 0,
      reason: {
        code: 'no-ervaringskennis-available',
        params: { included: false, candidates: 0 },
        nl: 'Geen partner in Utrecht of landelijk brengt ervaringskennis in, dus deze coalitie kan die niet meenemen; zoek ervaringsdeskundigen om aan te sluiten',
        en: 'No partner in Utrecht or nationwide brings in lived-experience knowledge, so this coalition cannot include it; look for people with lived experience to join',
      },
    });
    expect(coalition.members.every((m) => !m.bringsErvaringskennis)).toBe(true);
  });

  it('keeps the last place for a partner of the gemeente that brings it', () => {
    // Third: c as before (gain 2 on meedoen). Fourth, the last place: x instead of n-kennis; it shares bestaanszekerheid with a.
    const four = proposeCoalition(UTRECHT, [...everyone, x], { size: 4 });
    expect(ids(four)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'x-ervaring']);
    const member = four.members[3];
    expect(member).toMatchObject({ bringsErvaringskennis: true, origin: 'gemeente', sharedOpgaven: ['bestaanszekerheid'], addedSector: 'maatschappelijke-organisatie' });
    expect(member.reasons.map((r) => r.code)).toEqual(['works-in-gemeente', 'adds-sector', 'brings-ervaringskennis', 'shares-opgaven', 'fits-members']);
    expect(member.reasons[2]).toMatchObject({
      nl: 'Brengt ervaringskennis in: de kennis van mensen die armoede zelf meemaken',
      en: 'Brings in lived-experience knowledge: the knowledge of people who live with poverty',
    });
    expect(four.ervaringskennis).toMatchObject({ included: true, candidates: 1, reason: { code: 'includes-ervaringskennis' } });
    expect(four.ervaringskennis.reason.nl).toBe('De coalitie werkt samen met ervaringsdeskundigen: minstens één lid brengt ervaringskennis in');
    expect(ids(proposeCoalition(UTRECHT, [...everyone, x], { size: 3 }))).toEqual(['a-gemeente', 'b-school', 'x-ervaring']);
  });

  it('keeps the national place for a national partner that brings it when nobody local does', () => {
    const ministerieErvaring = { ...ministerie, kennisbronnen: ['ervaring'] };
    const partners = [a, b, c, d, e, far, optedOut, ministerieErvaring, kennis];
    // Without ervaringskennis anywhere the fourth is n-kennis (see above); now the ministry.
    const coalition = proposeCoalition(UTRECHT, partners, { size: 4 });
    expect(ids(coalition)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'n-ministerie']);
    expect(coalition.members[3]).toMatchObject({ origin: 'national', bringsErvaringskennis: true });
    // With room left, n-kennis is kept out of the only national place all the same.
    const five = proposeCoalition(UTRECHT, partners, { size: 5 });
    expect(ids(five)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'n-ministerie', 'd-supermarkt']);
    expect(five.ervaringskennis.included).toBe(true);
    // No national place at all: nobody can bring it.
    expect(proposeCoalition(UTRECHT, partners, { size: 4, maxNational: 0 }).ervaringskennis).toMatchObject({ included: false, candidates: 0 });
  });

  it('looks among nearby partners once the coalition is widened', () => {
    const nearbyErvaring = { ...d, kennisbronnen: ['ervaring'] };
    const coalition = proposeCoalition(UTRECHT, [a, b, c, nearbyErvaring, e], { size: 4 });
    expect(coalition.widened).toBe(true);
    expect(ids(coalition)).toEqual(['a-gemeente', 'b-school', 'c-ggd', 'd-supermarkt']);
    expect(coalition.ervaringskennis).toMatchObject({ included: true, candidates: 1 });
    // Not widened (three are enough): the nearby one does not count, and the sentence says "in Utrecht".
    const three = proposeCoalition(UTRECHT, [a, b, c, nearbyErvaring, e], { size: 3 });
    expect(three).toMatchObject({ widened: false, ervaringskennis: { included: false, candidates: 0 } });
  });
});

/** The same rules without any pruning: every pair, every candidate, every step. */
function bruteForce(gemeente: string, partners: PartnerProfile[], size: number, maxNational: number): string[] {
  const context = buildMatchContext();
  const area = new Set(coalitionArea(gemeente));
  const candidates = partners
    .filter((p) => !p.matchingOptOut && (p.scope === 'national' || p.gemeenten.some((g) => area.has(g))))
    .sort((x, y) => (x.id < y.id ? -1 : 1));
  const own = (p: PartnerProfile) => p.scope === 'national' || p.gemeenten.includes(gemeente);
  const brings = (p: PartnerProfile) => (p.kennisbronnen ?? []).includes('ervaring');
  const pair = (x: PartnerProfile, y: PartnerProfile) => scorePairReference(x, y, context).score;
  const union = (lists: string[][]) => new Set(lists.flat());
  const better = (x: number[], y: number[] | undefined) => {
    if (!y) return true;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] > y[k];
    return false;
  };
  const startOf = (locals: PartnerProfile[]) => {
    let start: { members: PartnerProfile[]; key: number[] } | undefined;
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
    return start;
  };
  let widened = false;
  let start = startOf(candidates.filter((p) => p.scope !== 'national' && own(p)));
  if (!start) {
    widened = true;
    start = startOf(candidates.filter((p) => p.scope !== 'national'));
  }
  if (!start) return [];
  const members = [...start.members];
  while (members.length < size) {
    const focus = OPGAVE_CODES.filter((o) => members.filter((m) => m.opgaven.includes(o)).length >= 2);
    const anyOpgave = new Set(members.flatMap((m) => m.opgaven));
    const domains = union(members.map((m) => m.leefdomeinen));
    const sectors = new Set(members.map((m) => m.sector));
    const nationals = members.filter((m) => m.scope === 'national').length;
    const pool = candidates.filter((p) => (widened || own(p)) && !members.includes(p) && (p.scope !== 'national' || nationals < maxNational));
    const ervaringOpen = members.some(brings) ? [] : pool.filter(brings);
    const gain = (p: PartnerProfile) => p.leefdomeinen.filter((l) => !domains.has(l)).length + (sectors.has(p.sector) ? 0 : 1);
    const meanPair = (p: PartnerProfile) => members.reduce((sum, m) => sum + pair(p, m), 0) / members.length;
    const keyOf = (p: PartnerProfile, fit: number) => {
      const weight = (fit + meanPair(p)) / 2;
      return [gain(p) * (1 + weight), weight];
    };
    const bestErvaring = () => {
      let best: { candidate: PartnerProfile; key: number[] } | undefined;
      for (const candidate of ervaringOpen) {
        const inFocus = focus.filter((o) => candidate.opgaven.includes(o)).length;
        const tier = inFocus > 0 ? 2 : candidate.opgaven.some((o) => anyOpgave.has(o)) ? 1 : 0;
        const key = [tier, ...keyOf(candidate, inFocus > 0 ? inFocus / focus.length : 0)];
        if (better(key, best?.key)) best = { candidate, key };
      }
      return best;
    };
    let best: { candidate: PartnerProfile; key: number[] } | undefined;
    if (ervaringOpen.length > 0 && members.length === size - 1) {
      best = bestErvaring();
    } else {
      const keep = ervaringOpen.length > 0 && ervaringOpen.every((p) => p.scope === 'national') && nationals + 1 >= maxNational;
      for (const candidate of pool) {
        const shared = focus.filter((o) => candidate.opgaven.includes(o));
        if (shared.length === 0 || (keep && candidate.scope === 'national' && !brings(candidate))) continue;
        const key = keyOf(candidate, shared.length / focus.length);
        if (better(key, best?.key)) best = { candidate, key };
      }
      if (!best && !widened) {
        widened = true;
        continue;
      }
      if (!best && ervaringOpen.length > 0) best = bestErvaring();
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
      // Only a member kept in for its ervaringskennis may share nothing.
      for (const m of coalition.members.slice(2)) if (!m.bringsErvaringskennis) expect(m.sharedOpgaven.length).toBeGreaterThan(0);
      if (coalition.ervaringskennis.candidates > 0) expect(coalition.members.some((m) => m.bringsErvaringskennis)).toBe(true);
      if (!coalition.widened) expect(members.every((m) => m.scope === 'national' || m.gemeenten.includes(gemeente))).toBe(true);
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
