import { diversify } from './diversity';
import { rankAllPairsSync } from './kernel';
import { DEFAULT_MATCHING_PROFILE } from './matching-profile';
import { generateSyntheticProfiles } from './synthetic';

describe('diversify', () => {
  const pool = [
    { candidateId: 's1', score: 0.9 },
    { candidateId: 's2', score: 0.89 },
    { candidateId: 's3', score: 0.88 },
    { candidateId: 'm1', score: 0.8 },
    { candidateId: 'b1', score: 0.6 },
  ];
  const sectorOf = (id: string) => ({ s: 'onderwijs', m: 'maatschappelijke-organisatie', b: 'bedrijfsleven' })[id[0] as 's' | 'm' | 'b'];

  it('keeps plain rank order at strength 0', () => {
    expect(diversify(pool, sectorOf, 3, 0).map((c) => c.candidateId)).toEqual(['s1', 's2', 's3']);
  });

  it('lets another sector in when a second school is not clearly better', () => {
    // Place 2: s2 scores 0.89 − 0.2·1/1 = 0.69 < m1 0.8. Place 3: s2 0.89 − 0.2·1/2 = 0.79 > b1 0.6.
    expect(diversify(pool, sectorOf, 3, 0.2).map((c) => c.candidateId)).toEqual(['s1', 'm1', 's2']);
    expect(diversify(pool, sectorOf, 4, 1).map((c) => c.candidateId)).toEqual(['s1', 'm1', 'b1', 's2']);
  });

  it('mixes sectors in real top-10 lists', () => {
    const profiles = generateSyntheticProfiles({ count: 800, seed: 41 });
    const sectors = new Map(profiles.map((p) => [p.id, p.sector]));
    const largestShare = (diversity: number) => {
      const lists = rankAllPairsSync(profiles, { profile: { ...DEFAULT_MATCHING_PROFILE, k: 10, diversity } });
      let worst = 0;
      for (const p of profiles) {
        const counts = new Map<string, number>();
        for (const c of lists.list(p.id)) counts.set(sectors.get(c.candidateId)!, (counts.get(sectors.get(c.candidateId)!) ?? 0) + 1);
        worst += Math.max(0, ...counts.values());
      }
      return worst / profiles.length;
    };
    const plain = largestShare(0);
    const mixed = largestShare(0.3);
    expect(mixed).toBeLessThan(plain);
    expect(mixed).toBeLessThanOrEqual(5);
  });
});
