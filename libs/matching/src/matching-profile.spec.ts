import { SECTOR_CODES } from '@app/taxonomy';
import { DEFAULT_MATCHING_PROFILE, MatchingProfile, validateMatchingProfile } from './matching-profile';

const copy = (): MatchingProfile => JSON.parse(JSON.stringify(DEFAULT_MATCHING_PROFILE));
const fields = (p: unknown) => validateMatchingProfile(p).map((e) => e.field);

describe('validateMatchingProfile', () => {
  it('accepts the default profile, which is complete, symmetric and favours cross-sector pairs', () => {
    expect(validateMatchingProfile(DEFAULT_MATCHING_PROFILE)).toEqual([]);
    for (const a of SECTOR_CODES) {
      for (const b of SECTOR_CODES) {
        if (a !== b) expect(DEFAULT_MATCHING_PROFILE.sectorAffinity[a][b]).toBeGreaterThan(DEFAULT_MATCHING_PROFILE.sectorAffinity[a][a]);
      }
    }
  });

  it('names a negative or missing weight, an unknown component and all-zero weights', () => {
    const p = copy();
    p.weights.region = -1;
    delete (p.weights as Partial<MatchingProfile['weights']>).network;
    (p.weights as Record<string, number>).colour = 1;
    expect(fields(p)).toEqual(expect.arrayContaining(['weights.region', 'weights.network', 'weights.colour']));
    const zero = copy();
    for (const key of Object.keys(zero.weights)) zero.weights[key as keyof MatchingProfile['weights']] = 0;
    expect(validateMatchingProfile(zero)).toEqual([{ field: 'weights', message: 'must not all be 0' }]);
  });

  it('names the cell of an incomplete, out-of-range or asymmetric affinity table', () => {
    const p = copy();
    delete p.sectorAffinity.gemeente.onderwijs;
    p.sectorAffinity.bedrijfsleven.rijksoverheid = 1.5;
    p.sectorAffinity.kennisinstelling.onderwijs = 0.1;
    delete p.sectorAffinity.rijksoverheid;
    expect(fields(p)).toEqual(
      expect.arrayContaining([
        'sectorAffinity.gemeente.onderwijs',
        'sectorAffinity.bedrijfsleven.rijksoverheid',
        'sectorAffinity.kennisinstelling.onderwijs',
        'sectorAffinity.rijksoverheid',
      ]),
    );
    expect(validateMatchingProfile(p).find((e) => e.field === 'sectorAffinity.kennisinstelling.onderwijs')?.message).toMatch(/symmetric/);
  });

  it('checks the scalar settings', () => {
    const p = { ...copy(), version: 0, regionHalfDistanceKm: 0, nationalReach: 2, regionalReach: -0.1, k: 0, diversity: 1.5 };
    expect(fields(p).sort()).toEqual(['diversity', 'k', 'nationalReach', 'regionHalfDistanceKm', 'regionalReach', 'version']);
    expect(fields(null)).toEqual(['']);
  });
});
