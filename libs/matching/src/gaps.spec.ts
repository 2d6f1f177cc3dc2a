import { GEMEENTE_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { CodeCount, compareGaps, coverageOf, gemeenteGaps, nationalCoverage, rankGemeentenByGaps } from './gaps';
import { generateSyntheticProfiles, handProfile } from './synthetic';

const UTRECHT = 'GM0344';
const ZEIST = 'GM0355';

const partner = handProfile;

const partners = [
  partner('voedselbank', { leefdomeinen: ['materieel-welzijn', 'gezondheid'], opgaven: ['meedoen'] }),
  partner('school', { sector: 'onderwijs', leefdomeinen: ['onderwijs', 'gezondheid'], opgaven: ['meedoen', 'kansengelijkheid-onderwijs'] }),
  partner('ggd', { sector: 'jeugdgezondheidszorg', scope: 'regional', gemeenten: [ZEIST, UTRECHT], leefdomeinen: ['gezondheid'], opgaven: ['gezond-opgroeien'] }),
  partner('zeist', { sector: 'gemeente', gemeenten: [ZEIST], leefdomeinen: ['relaties'], opgaven: ['vroegsignalering'] }),
  partner('opted-out', { sector: 'bedrijfsleven', leefdomeinen: ['relaties'], opgaven: ['beeldvorming'], matchingOptOut: true }),
  partner('ministerie', { sector: 'rijksoverheid', scope: 'national', gemeenten: [], leefdomeinen: ['risico-veiligheid'], opgaven: ['systeemverandering'] }),
];

const counted = (counts: CodeCount[]) => Object.fromEntries(counts.filter((entry) => entry.count > 0).map((entry) => [entry.code, entry.count]));

describe('gemeenteGaps', () => {
  it('counts the local and regional partners listing the gemeente, by hand', () => {
    const gaps = gemeenteGaps(UTRECHT, partners);
    expect(gaps.coverage.partners).toBe(3);
    expect(counted(gaps.coverage.leefdomeinen)).toEqual({ 'materieel-welzijn': 1, gezondheid: 3, onderwijs: 1 });
    expect(counted(gaps.coverage.opgaven)).toEqual({ meedoen: 2, 'kansengelijkheid-onderwijs': 1, 'gezond-opgroeien': 1 });
    expect(counted(gaps.coverage.sectors)).toEqual({ 'maatschappelijke-organisatie': 1, onderwijs: 1, jeugdgezondheidszorg: 1 });
    expect(gaps.uncovered).toEqual({
      leefdomeinen: ['relaties', 'huisvesting-leefomgeving', 'risico-veiligheid', 'subjectief-welbevinden', 'maatschappelijke-participatie'],
      opgaven: ['een-fijn-thuis', 'bestaanszekerheid', 'ervaringsdeskundigheid', 'beeldvorming', 'vroegsignalering', 'ouderschap-veerkracht', 'systeemverandering'],
      sectors: ['rijksoverheid', 'gemeente', 'brancheorganisatie', 'kennisinstelling', 'bedrijfsleven'],
    });
    expect(gaps.missing).toBe(5 + 7 + 5);
  });

  it('lists every code in taxonomy order, zeros included', () => {
    const gaps = gemeenteGaps(UTRECHT, partners);
    expect(gaps.coverage.leefdomeinen.map((entry) => entry.code)).toEqual(LEEFDOMEIN_CODES);
    expect(gaps.coverage.opgaven.map((entry) => entry.code)).toEqual(OPGAVE_CODES);
    expect(gaps.coverage.sectors.map((entry) => entry.code)).toEqual(SECTOR_CODES);
  });

  it('counts a partner once per code, and ignores unknown codes', () => {
    const twice = partner('twice', { leefdomeinen: ['gezondheid', 'gezondheid', 'bestaat-niet'], opgaven: ['meedoen', 'meedoen'] });
    const coverage = coverageOf([twice]);
    expect(counted(coverage.leefdomeinen)).toEqual({ gezondheid: 1 });
    expect(counted(coverage.opgaven)).toEqual({ meedoen: 1 });
  });

  it('leaves everything uncovered where nobody works', () => {
    const gaps = gemeenteGaps('GM0014', partners);
    expect(gaps.coverage.partners).toBe(0);
    expect(gaps.missing).toBe(LEEFDOMEIN_CODES.length + OPGAVE_CODES.length + SECTOR_CODES.length);
  });
});

describe('nationalCoverage', () => {
  it('counts the national partners only', () => {
    const national = nationalCoverage(partners);
    expect(national.partners).toBe(1);
    expect(counted(national.leefdomeinen)).toEqual({ 'risico-veiligheid': 1 });
    expect(counted(national.sectors)).toEqual({ rijksoverheid: 1 });
    expect(nationalCoverage([{ ...partners[5], matchingOptOut: true }]).partners).toBe(0);
  });
});

describe('rankGemeentenByGaps', () => {
  it('ranks most missing first, then fewer partners, then by code', () => {
    const ranked = rankGemeentenByGaps(['GM0014', ZEIST, UTRECHT, 'GM0363'], partners);
    // Zeist: ggd and gemeente Zeist → 2 leefdomeinen, 2 opgaven, 2 sectors covered, 20 missing.
    expect(ranked.map((gaps) => [gaps.gemeente, gaps.missing, gaps.coverage.partners])).toEqual([
      ['GM0014', 26, 0],
      ['GM0363', 26, 0],
      [ZEIST, 20, 2],
      [UTRECHT, 17, 3],
    ]);
  });

  it('equals gemeenteGaps for every gemeente, on synthetic partners', () => {
    const profiles = generateSyntheticProfiles({ count: 2000, seed: 71 });
    const ranked = rankGemeentenByGaps(GEMEENTE_CODES, profiles);
    expect(ranked).toHaveLength(GEMEENTE_CODES.length);
    expect(ranked.map((gaps) => gaps.gemeente).sort()).toEqual([...GEMEENTE_CODES].sort());
    for (const gaps of ranked) expect(gaps).toEqual(gemeenteGaps(gaps.gemeente, profiles));
    for (let i = 1; i < ranked.length; i++) expect(compareGaps(ranked[i - 1], ranked[i])).toBeLessThan(0);
  });
});
