import { DEFAULT_MATCHING_PROFILE, MatchingProfile } from './matching-profile';
import { buildSuggestions, explainPair, joinList } from './reasons';
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
    // Network has weight 0 by default, so it explains nothing and is left out.
    expect(byCode.has('common-partners')).toBe(false);
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
