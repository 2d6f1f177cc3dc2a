import { GEMEENTE_CODES, KENNISBRON_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { generateSyntheticConnections, generateSyntheticProfiles, SYNTHETIC_KINDS } from './synthetic-profiles';

describe('generateSyntheticProfiles', () => {
  const partners = generateSyntheticProfiles({ count: 1000, seed: 7 });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSyntheticProfiles({ count: 1000, seed: 7 })).toEqual(partners);
    expect(generateSyntheticProfiles({ count: 50, seed: 8 })[0].id).not.toEqual(partners[0].id);
  });

  it('produces valid, unique profiles within the taxonomy', () => {
    expect(new Set(partners.map((p) => p.id)).size).toBe(partners.length);
    for (const p of partners) {
      expect(SECTOR_CODES).toContain(p.sector);
      expect(SYNTHETIC_KINDS[p.sector]).toContain(p.kind);
      expect(p.opgaven.length).toBeGreaterThanOrEqual(1);
      expect(p.opgaven.length).toBeLessThanOrEqual(4);
      expect(p.leefdomeinen.length).toBeGreaterThanOrEqual(2);
      expect(p.leefdomeinen.length).toBeLessThanOrEqual(5);
      expect(p.opgaven.every((code) => OPGAVE_CODES.includes(code))).toBe(true);
      expect(p.leefdomeinen.every((code) => LEEFDOMEIN_CODES.includes(code))).toBe(true);
      expect(p.kennisbronnen.every((code) => KENNISBRON_CODES.includes(code))).toBe(true);
      expect(p.gemeenten.every((code) => GEMEENTE_CODES.includes(code))).toBe(true);
      expect(p.offers.length).toBeGreaterThan(0);
      expect(p.needs.length).toBeGreaterThan(0);
      expect(p.needs.some((tag) => p.offers.includes(tag))).toBe(false);
      expect(p.gemeenten.length === 0).toBe(p.scope === 'national');
    }
  });

  it('gives every gemeente partner exactly its own, distinct gemeente', () => {
    const gemeentePartners = partners.filter((p) => p.sector === 'gemeente');
    expect(gemeentePartners.length).toBeGreaterThan(100);
    expect(gemeentePartners.length).toBeLessThanOrEqual(342);
    for (const p of gemeentePartners) {
      expect(p.scope).toBe('local');
      expect(p.gemeenten).toEqual([p.homeGemeente]);
    }
    expect(new Set(gemeentePartners.map((p) => p.gemeenten[0])).size).toBe(gemeentePartners.length);
  });

  it('has the sector mix of a national network with national bodies and big-city clusters', () => {
    const count = (sector: string) => partners.filter((p) => p.sector === sector).length;
    expect(count('maatschappelijke-organisatie')).toBeGreaterThan(count('onderwijs'));
    expect(count('gemeente')).toBeGreaterThan(count('bedrijfsleven'));
    expect(count('rijksoverheid')).toBeLessThan(count('kennisinstelling'));
    expect(partners.filter((p) => p.sector === 'rijksoverheid').every((p) => p.scope === 'national')).toBe(true);
    const inAmsterdam = partners.filter((p) => p.homeGemeente === 'GM0363' && p.sector !== 'gemeente').length;
    const inVlieland = partners.filter((p) => p.homeGemeente === 'GM0096' && p.sector !== 'gemeente').length;
    expect(inAmsterdam).toBeGreaterThan(5 * Math.max(1, inVlieland));
  });
});

describe('generateSyntheticConnections', () => {
  it('makes about perPartner connections each, without self-loops or duplicates', () => {
    const partners = generateSyntheticProfiles({ count: 2000, seed: 3 });
    const connections = generateSyntheticConnections(partners, { seed: 4, perPartner: 4 });
    expect(connections.length).toBeGreaterThan(2000 * 1.6);
    expect(connections.length).toBeLessThanOrEqual(2000 * 2.5);
    const keys = connections.map((c) => [c.a, c.b].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(connections.some((c) => c.a === c.b)).toBe(false);
    expect(generateSyntheticConnections(partners, { seed: 4, perPartner: 4 })).toEqual(connections);
  });
});
