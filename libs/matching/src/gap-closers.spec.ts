import { compareGapClosers, rankGapClosers } from './gap-closers';
import { handProfile } from './synthetic';

const UTRECHT = 'GM0344';
const ZEIST = 'GM0355'; // 12.4 km from Utrecht
const NIEUWEGEIN = 'GM0356'; // 6.9 km from Utrecht
const GRONINGEN = 'GM0014';
const partner = handProfile;

// Utrecht's own partners cover materieel welzijn, gezondheid and onderwijs, and the opgaven
// meedoen and kansengelijkheid: 5 leefdomeinen and 8 opgaven are open, 13 together.
const own = [
  partner('u1', { leefdomeinen: ['materieel-welzijn', 'gezondheid'], opgaven: ['meedoen'] }),
  partner('u2', { scope: 'regional', gemeenten: [UTRECHT, ZEIST], leefdomeinen: ['onderwijs'], opgaven: ['kansengelijkheid-onderwijs'] }),
  // Opted out: neither covers anything nor closes a gap.
  partner('u3', { leefdomeinen: ['relaties'], opgaven: ['een-fijn-thuis'], matchingOptOut: true }),
];
const others = [
  partner('z1', { gemeenten: [ZEIST], leefdomeinen: ['relaties', 'gezondheid'], opgaven: ['een-fijn-thuis', 'meedoen'] }), // relaties, een-fijn-thuis: 2
  partner('n1', { scope: 'national', gemeenten: [], leefdomeinen: ['risico-veiligheid', 'relaties'], opgaven: ['bestaanszekerheid'] }), // 3
  partner('z2', { gemeenten: [NIEUWEGEIN], leefdomeinen: ['huisvesting-leefomgeving'], opgaven: ['vroegsignalering', 'beeldvorming'] }), // 3
  partner('z3', { gemeenten: [ZEIST], leefdomeinen: ['materieel-welzijn'], opgaven: ['meedoen'] }), // 0
  partner('z4', { gemeenten: [ZEIST, NIEUWEGEIN], leefdomeinen: ['subjectief-welbevinden'], opgaven: [] }), // 1
  partner('z6', { gemeenten: [NIEUWEGEIN], leefdomeinen: ['maatschappelijke-participatie', 'relaties'], opgaven: [] }), // 2
  partner('far', { gemeenten: [GRONINGEN], leefdomeinen: ['relaties'], opgaven: ['systeemverandering'] }),
  partner('z-out', { gemeenten: [ZEIST], leefdomeinen: ['relaties', 'risico-veiligheid'], opgaven: ['systeemverandering'], matchingOptOut: true }),
];

describe('rankGapClosers', () => {
  const ranked = rankGapClosers(UTRECHT, [...own, ...others]);

  it('ranks by the uncovered leefdomeinen and opgaven covered, a hand count', () => {
    expect(ranked.uncovered).toEqual({
      leefdomeinen: ['relaties', 'huisvesting-leefomgeving', 'risico-veiligheid', 'subjectief-welbevinden', 'maatschappelijke-participatie'],
      opgaven: ['een-fijn-thuis', 'gezond-opgroeien', 'bestaanszekerheid', 'ervaringsdeskundigheid', 'beeldvorming', 'vroegsignalering', 'ouderschap-veerkracht', 'systeemverandering'],
    });
    // z1, z2, z3, z4, z6 and n1: not Utrecht's own, not Groningen, not the opted-out ones.
    expect(ranked.candidates).toBe(6);
    // 3: z2 (local) before n1 (national); 2: z6 (6.9 km) before z1 (12.4 km); then z4; z3 closes nothing.
    expect(ranked.closers.map((c) => [c.partnerId, c.count])).toEqual([['z2', 3], ['n1', 3], ['z6', 2], ['z1', 2], ['z4', 1]]);
    expect(ranked.closers[0]).toMatchObject({ scope: 'local', covers: { leefdomeinen: ['huisvesting-leefomgeving'], opgaven: ['beeldvorming', 'vroegsignalering'] }, distanceKm: 6.9, nearestGemeente: NIEUWEGEIN });
    expect(ranked.closers[1]).toMatchObject({ scope: 'national', covers: { leefdomeinen: ['relaties', 'risico-veiligheid'], opgaven: ['bestaanszekerheid'] }, distanceKm: null });
    expect(ranked.closers[3].covers).toEqual({ leefdomeinen: ['relaties'], opgaven: ['een-fijn-thuis'] });
    expect(ranked.closers[4]).toMatchObject({ partnerId: 'z4', distanceKm: 6.9, nearestGemeente: NIEUWEGEIN });
  });

  it('says why, in Dutch and English', () => {
    const [z2, n1, , , z4] = ranked.closers;
    expect(z2.reasons.map((r) => r.nl)).toEqual([
      'Werkt in Nieuwegein, 6.9 km van Utrecht',
      'Werkt aan het leefdomein Huisvesting en leefomgeving, dat in Utrecht nog geen partner dekt',
      'Werkt aan de opgaven Beeldvorming en armoede bespreekbaar maken en Vroegsignalering, waar in Utrecht nog geen partner aan werkt',
      'Dekt 3 van de 13 open leefdomeinen en opgaven van Utrecht',
    ]);
    expect(n1.reasons.map((r) => r.en)).toEqual([
      'Works nationwide, so also in Utrecht',
      'Works on the life domains Relationships and Risk and safety, which no partner in Utrecht covers yet',
      'Works on the task Income security, which no partner in Utrecht works on yet',
      'Covers 3 of the 13 open life domains and tasks of Utrecht',
    ]);
    expect(z4.reasons.map((r) => r.code)).toEqual(['works-nearby', 'covers-leefdomeinen', 'closes-gaps']);
    expect(z4.reasons[2].params).toEqual({ count: 1, open: 13 });
  });

  it('does not depend on the order of the partners, and counts a partner once', () => {
    expect(rankGapClosers(UTRECHT, [...others, ...own, others[0]].reverse())).toEqual(ranked);
    expect([...ranked.closers].sort(compareGapClosers)).toEqual(ranked.closers);
  });

  it('is empty where nothing is open or nobody is near', () => {
    expect(rankGapClosers(GRONINGEN, own).closers).toEqual([]);
    expect(rankGapClosers(GRONINGEN, own).candidates).toBe(0);
  });
});
