import { DEFAULT_MATCHING_PROFILE, MatchingProfile } from './matching-profile';
import { LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES, TAG_VOCABULARY } from '@app/taxonomy';
import { buildSuggestions, explainPair, formatKm, joinList, renderStoredReason, renderStoredReasons, storeReason, STORED_LEEFDOMEINEN, STORED_OPGAVEN, STORED_SECTORS, STORED_TAGS } from './reasons';
import { buildMatchContext, rankPartnerReference, referenceList } from './reference-scorer';
import { generateSyntheticConnections, generateSyntheticProfiles } from './synthetic';
import { PartnerProfile } from './types';

const school: PartnerProfile = {
  id: 'school',
  sector: 'onderwijs',
  scope: 'local',
  gemeenten: ['GM0344'],
  leefdomeinen: ['onderwijs', 'gezondheid'],
  opgaven: ['meedoen', 'een-fijn-thuis', 'kansengelijkheid-onderwijs'],
  offers: ['locatie'],
  needs: ['schoolontbijt', 'vrijwilligers'],
};
const supermarket: PartnerProfile = {
  id: 'supermarkt',
  sector: 'bedrijfsleven',
  scope: 'local',
  gemeenten: ['GM0344'],
  leefdomeinen: ['materieel-welzijn', 'gezondheid'],
  opgaven: ['meedoen', 'een-fijn-thuis'],
  offers: ['schoolontbijt', 'vrijwilligers'],
  needs: ['bereik-gezinnen'],
};

describe('explainPair', () => {
  const context = buildMatchContext({ connections: [{ a: 'school', b: 'ggd' }, { a: 'supermarkt', b: 'ggd' }] });

  it('writes natural Dutch and English with labels, not codes', () => {
    const { reasons } = explainPair(school, supermarket, context);
    const byCode = new Map(reasons.map((r) => [r.code, r]));
    expect(byCode.get('shared-opgaven')).toMatchObject({
      params: { opgaven: ['meedoen', 'een-fijn-thuis'] },
      nl: 'Jullie werken allebei aan Meedoen en Een fijn thuis',
      en: 'You both work on Taking part and A good home',
    });
    expect(byCode.get('same-gemeente')).toMatchObject({ nl: 'Jullie werken allebei in Utrecht', en: 'You both work in Utrecht' });
    expect(byCode.get('cross-sector')?.nl).toBe('Sectoroverstijgend: jullie combineren Onderwijs (scholen) met Bedrijfsleven');
    expect(byCode.get('reciprocity')).toMatchObject({
      params: { theyOffer: ['schoolontbijt', 'vrijwilligers'], youOffer: [] },
      nl: 'Zij bieden schoolontbijt en vrijwilligers, waar jullie naar zoeken',
      en: 'They offer school breakfast and volunteers, which you are looking for',
    });
    expect(byCode.get('leefdomeinen-coverage')?.nl).toBe('Samen dekken jullie 3 van de 8 leefdomeinen; jullie delen Gezondheid');
    // Both work with the GGD, and the network has weight 0.1 by default: a reason of its own.
    expect(byCode.get('common-partners')).toMatchObject({
      params: { count: 1, partnerIds: ['ggd'] },
      nl: 'Jullie werken allebei samen met 1 dezelfde partner',
      en: 'You both work with 1 of the same partner',
    });
  });

  it('leaves out a component with weight 0', () => {
    const noNetwork = buildMatchContext({
      connections: [{ a: 'school', b: 'ggd' }, { a: 'supermarkt', b: 'ggd' }],
      profile: { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0 } },
    });
    expect(explainPair(school, supermarket, noNetwork).reasons.map((r) => r.code)).not.toContain('common-partners');
  });

  it('gives distances in km between the nearest gemeenten, and national reach', () => {
    const inZeist = { ...supermarket, gemeenten: ['GM0355'] };
    const region = explainPair(school, inZeist, context).reasons.find((r) => r.code === 'nearby')!;
    expect(region.nl).toMatch(/^Jullie werkgebieden liggen \d+(\.\d)? km uit elkaar \(Utrecht – Zeist\)$/);
    expect(region.en).toMatch(/^Your areas are \d+(\.\d)? km apart \(Utrecht – Zeist\)$/);
    expect(region.params.km).toBeGreaterThan(3);
    const national = explainPair(school, { ...supermarket, scope: 'national', gemeenten: [] }, context).reasons.find((r) => r.code === 'national-reach')!;
    expect(national.nl).toBe('Deze partner werkt landelijk, dus ook in jullie werkgebied');
  });

  it('names common partners when the network counts', () => {
    const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.2 } };
    const withNetwork = buildMatchContext({ profile, connections: [{ a: 'school', b: 'ggd' }, { a: 'supermarkt', b: 'ggd' }] });
    const reason = explainPair(school, supermarket, withNetwork).reasons.find((r) => r.code === 'common-partners')!;
    expect(reason).toMatchObject({ params: { count: 1, partnerIds: ['ggd'] }, nl: 'Jullie werken allebei samen met 1 dezelfde partner' });
  });

  it('has shares that add up to the score, best first, on random pairs', () => {
    const profiles = generateSyntheticProfiles({ count: 300, seed: 31 });
    const profile: MatchingProfile = { ...DEFAULT_MATCHING_PROFILE, weights: { ...DEFAULT_MATCHING_PROFILE.weights, network: 0.3 } };
    const ctx = buildMatchContext({ profile, connections: generateSyntheticConnections(profiles, { seed: 32, perPartner: 6 }) });
    const problems: string[] = [];
    for (let i = 0; i < 300; i++) {
      const { score, reasons } = explainPair(profiles[i], profiles[(i * 17 + 3) % 300], ctx);
      const total = reasons.reduce((sum, r) => sum + r.share, 0);
      if (Math.abs(total - score) > 1e-12) problems.push(`${i}: ${total} ≠ ${score}`);
      if (reasons.some((r, k) => k > 0 && r.share > reasons[k - 1].share)) problems.push(`${i}: not sorted`);
      if (reasons.some((r) => !r.nl || !r.en || /[a-z]+-[a-z]+/.test(r.nl.replace(/’/g, '')))) problems.push(`${i}: ${reasons.map((r) => r.nl).join(' | ')}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('buildSuggestions', () => {
  it('ranks from 1 and keeps the given scores', () => {
    const profiles = generateSyntheticProfiles({ count: 120, seed: 5 });
    const context = buildMatchContext();
    const ranked = rankPartnerReference(profiles[1], profiles, context);
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const suggestions = buildSuggestions(profiles[1], ranked, (id) => byId.get(id), context);
    expect(suggestions.map((s) => s.rank)).toEqual(ranked.map((_, i) => i + 1));
    suggestions.forEach((s, i) => expect(s.score).toBe(ranked[i].score));
  });

  it('says which entries the diversity step moved and where the score alone put them; the others carry no such reason', () => {
    const profiles = generateSyntheticProfiles({ count: 400, seed: 7 });
    const context = buildMatchContext({ profile: { ...DEFAULT_MATCHING_PROFILE, diversity: 0.3 } });
    const byId = new Map(profiles.map((p) => [p.id, p]));
    const viewer = profiles.find((p) => {
      const list = referenceList(p, profiles, context);
      return list.some((entry, i) => i > 0 && entry.score > list[i - 1].score);
    })!;
    const ranked = referenceList(viewer, profiles, context);
    const suggestions = buildSuggestions(viewer, ranked, (id) => byId.get(id), context);
    const byScore = [...ranked].sort((a, b) => b.score - a.score).map((entry) => entry.candidateId);
    const moved = suggestions.filter((s) => s.reasons.some((r) => r.code === 'diversity-moved'));
    expect(moved.length).toBeGreaterThan(0);
    for (const s of suggestions) {
      const scoreRank = byScore.indexOf(s.candidateId) + 1;
      const reason = s.reasons.find((r) => r.code === 'diversity-moved');
      if (scoreRank === s.rank) expect(reason).toBeUndefined();
      else {
        expect(reason).toMatchObject({ params: { rank: s.rank, scoreRank }, share: 0 });
        expect(reason!.en).toContain(`by score alone this would be number ${scoreRank}`);
        expect(reason!.nl).toContain(`op score alleen stond dit op plaats ${scoreRank}`);
        expect(reason!.en).toMatch(s.rank < scoreRank ? /^Placed higher for a mix of sectors/ : /^Placed lower so the list is not all one sector/);
      }
    }
    // A rank whose score beats the one above it: at least one of the two says it was moved.
    const explained = (s: (typeof suggestions)[number]) => s.reasons.some((r) => r.code === 'diversity-moved');
    suggestions.forEach((s, i) => {
      if (i > 0 && s.score > suggestions[i - 1].score) expect(explained(s) || explained(suggestions[i - 1])).toBe(true);
    });
  });

  it('joins lists the Dutch and the English way', () => {
    expect(joinList(['A', 'B', 'C'], 'nl')).toBe('A, B en C');
    expect(joinList(['A', 'B'], 'en')).toBe('A and B');
    expect(joinList(['A'], 'en')).toBe('A');
  });
});

describe('stored reasons', () => {
  const context = buildMatchContext({});
  const rowOf = (viewer: PartnerProfile, candidate: PartnerProfile, distanceKm: number | null) => {
    const { components } = explainPair(viewer, candidate, context);
    return { partnerId: viewer.id, candidateId: candidate.id, rank: 1, distanceKm, components, weights: DEFAULT_MATCHING_PROFILE.weights };
  };

  it('writes a distance the way formatKm wrote it, also where rounding twice would differ', () => {
    for (let i = 0; i < 20_000; i++) {
      const km = (i * 0.0137) % 300;
      expect(formatKm(Number(formatKm(km)))).toBe(formatKm(km));
    }
    const inZeist = { ...supermarket, gemeenten: ['GM0355'] };
    const region = explainPair(school, inZeist, context).reasons.find((r) => r.code === 'nearby')!;
    // A row whose stored distance rounds up where the sentence's exact distance rounded down.
    const row = rowOf(school, inZeist, region.params.km as number);
    const edge = { ...region, params: { ...region.params, km: 12.5 }, nl: region.nl.replace(/[\d.]+ km/, '12 km'), en: region.en.replace(/[\d.]+ km/, '12 km') };
    const stored = storeReason(edge, { ...row, distanceKm: 12.5 });
    expect(Array.isArray(stored)).toBe(true);
    expect(renderStoredReason(JSON.parse(JSON.stringify(stored)), { ...row, distanceKm: 12.5 })).toEqual(edge);
  });

  it('tells which side works nationally from the row', () => {
    const national = { ...supermarket, scope: 'national' as const, gemeenten: [] };
    for (const [viewer, candidate] of [[school, national], [national, school]]) {
      const reason = explainPair(viewer, candidate, context).reasons.find((r) => r.code === 'national-reach')!;
      const row = rowOf(viewer, candidate, null);
      expect(renderStoredReason(storeReason(reason, row), row)).toEqual(reason);
    }
  });

  it('keeps a reason it cannot write compactly as it is', () => {
    const row = rowOf(school, supermarket, 0);
    const unknown = { code: 'new-kind', params: { x: 1 }, nl: 'Nieuw', en: 'New', share: 0.1 };
    const strangeSector = { ...explainPair(school, supermarket, context).reasons.find((r) => r.code === 'cross-sector')!, params: { sectors: ['onbekend', 'onderwijs'], affinity: 0.5 } };
    expect(storeReason(unknown, row)).toBe(unknown);
    expect(storeReason(strangeSector, row)).toBe(strangeSector);
    expect(renderStoredReasons([unknown], row)).toEqual([unknown]);
  });

  it('numbers every taxonomy code it stores (the lists are append-only)', () => {
    expect(OPGAVE_CODES.filter((code) => !STORED_OPGAVEN.includes(code))).toEqual([]);
    expect(LEEFDOMEIN_CODES.filter((code) => !STORED_LEEFDOMEINEN.includes(code))).toEqual([]);
    expect(SECTOR_CODES.filter((code) => !STORED_SECTORS.includes(code))).toEqual([]);
  });
});

describe('stored tags', () => {
  it('numbers every tag of the vocabulary (append-only) and keeps other tags as text', () => {
    expect(TAG_VOCABULARY.filter((tag) => !STORED_TAGS.includes(tag))).toEqual([]);
    const context = buildMatchContext({});
    const viewer = { ...school, needs: ['schoolontbijt', 'eigen-tag'] };
    const reason = explainPair(viewer, supermarket, context).reasons.find((r) => r.code === 'reciprocity')!;
    const { components } = explainPair(viewer, { ...supermarket, offers: [...supermarket.offers, 'eigen-tag'] }, context);
    const candidate = { ...supermarket, offers: [...supermarket.offers, 'eigen-tag'] };
    const full = explainPair(viewer, candidate, context).reasons.find((r) => r.code === 'reciprocity')!;
    const row = { partnerId: viewer.id, candidateId: candidate.id, rank: 1, distanceKm: 0, components, weights: DEFAULT_MATCHING_PROFILE.weights };
    const stored = storeReason(full, row);
    expect(stored).toEqual([9, [STORED_TAGS.indexOf('schoolontbijt'), 'eigen-tag'], []]);
    expect(renderStoredReason(stored, row)).toEqual(full);
    expect(reason.params.theyOffer).toEqual(['schoolontbijt']);
  });
});
