import { buildMatchContext, scorePairReference, type PartnerProfile } from '@app/matching';
import { eventually } from './support/eventually';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const UTRECHT = 'GM0344';
const ZEIST = 'GM0355';
const NIEUWEGEIN = 'GM0356';
const GRONINGEN = 'GM0014';
const MAASTRICHT = 'GM0935';

// Utrecht and two neighbours. No partner has more than two leefdomeinen, so no pair covers more
// than four; offers and needs are empty so reciprocity plays no part. Only the voedselbank brings
// ervaringskennis; it shares no opgave with the school and the GGD.
const FIXTURES: Record<string, Record<string, unknown>> = {
  gemeente: { name: 'Gemeente Utrecht', sector: 'gemeente', leefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving'], opgaven: ['meedoen', 'bestaanszekerheid'] },
  school: { name: 'OBS De Regenboog', sector: 'onderwijs', leefdomeinen: ['onderwijs', 'subjectief-welbevinden'], opgaven: ['meedoen', 'kansengelijkheid-onderwijs'] },
  ggd: {
    name: 'GGD regio Utrecht',
    sector: 'jeugdgezondheidszorg',
    scope: 'regional',
    gemeenten: [UTRECHT, ZEIST, NIEUWEGEIN],
    leefdomeinen: ['gezondheid', 'relaties'],
    opgaven: ['meedoen', 'gezond-opgroeien'],
  },
  supermarket: { name: 'Buurtsuper Zeist', sector: 'bedrijfsleven', gemeenten: [ZEIST], leefdomeinen: ['maatschappelijke-participatie'], opgaven: ['meedoen'] },
  voedselbank: { name: 'Voedselbank Utrecht', leefdomeinen: ['materieel-welzijn'], opgaven: ['bestaanszekerheid'], kennisbronnen: ['ervaring', 'praktijk'] },
  veiligThuis: { name: 'Veilig Thuis Nieuwegein', gemeenten: [NIEUWEGEIN], leefdomeinen: ['risico-veiligheid'], opgaven: ['meedoen'] },
  groningen: { name: 'Voedselbank Groningen', gemeenten: [GRONINGEN], leefdomeinen: ['gezondheid'], opgaven: ['meedoen'] },
  optedOut: { name: 'Bakkerij Utrecht', sector: 'bedrijfsleven', leefdomeinen: ['risico-veiligheid', 'relaties'], opgaven: ['meedoen'], matchingOptOut: true },
  ministerie: { name: 'Ministerie van SZW', sector: 'rijksoverheid', scope: 'national', gemeenten: [], leefdomeinen: ['materieel-welzijn'], opgaven: ['bestaanszekerheid'] },
};
type Name = keyof typeof FIXTURES;

interface Member {
  position: number;
  partner: { id: string; slug: string; name: string };
  addedLeefdomeinen: string[];
  addedSector: string | null;
  reasons: { code: string; text: string }[];
}

describe('coalitions and gaps API (PostgreSQL)', () => {
  let api: TestApp;
  const created = new Map<Name, PartnerProfile & { slug: string }>();
  const nameOf = (id: string) => [...created].find(([, partner]) => partner.id === id)![0];

  const coalition = async (query: string, code = UTRECHT) => (await api.http().get(`/v1/gemeenten/${code}/coalition${query}`).expect(200)).body;
  const memberNames = (body: { members: Member[] }) => body.members.map((member) => nameOf(member.partner.id));
  const problem = async (path: string, status: number) => {
    const response = await api.http().get(path).expect(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApp('coalitions');
    for (const [name, fields] of Object.entries(FIXTURES)) created.set(name, await createPartner(api, partnerBody({ offers: [], needs: [], ...fields })));
  });

  afterAll(async () => {
    await api.close();
  });

  describe('GET /v1/gemeenten/{code}/coalition', () => {
    it('is made of Utrecht\'s own partners, an ervaringskennis partner included, and covers more than the best single pair', async () => {
      const body = await coalition('');
      expect(body).toMatchObject({ gemeente: { code: UTRECHT, name: 'Utrecht', province: 'PV26' }, requestedSize: 4, size: 4, note: null, profileVersion: 1 });
      // Own: gemeente, school, GGD (regional, lists Utrecht), voedselbank; nearby: the Zeist supermarket and Veilig Thuis Nieuwegein.
      expect(body.candidates).toEqual({ local: 4, nearby: 2, national: 1 });
      expect(body).toMatchObject({ widened: false, widenedReason: null });

      // The pairs the suggestions would rank: every pair of candidates, scored by the core.
      const candidates = [...created.entries()].filter(([name]) => name !== 'groningen' && name !== 'optedOut').map(([, partner]) => partner);
      const context = buildMatchContext();
      let bestScored = { score: -1, leefdomeinen: 0 };
      let mostCovering = 0;
      for (let i = 0; i < candidates.length; i++) {
        for (let j = i + 1; j < candidates.length; j++) {
          const leefdomeinen = new Set([...candidates[i].leefdomeinen, ...candidates[j].leefdomeinen]).size;
          const { score } = scorePairReference(candidates[i], candidates[j], context);
          if (score > bestScored.score) bestScored = { score, leefdomeinen };
          mostCovering = Math.max(mostCovering, leefdomeinen);
        }
      }
      expect(mostCovering).toBe(4);
      expect(body.covered.leefdomeinen.length).toBeGreaterThan(mostCovering);
      expect(body.covered.leefdomeinen.length).toBeGreaterThan(bestScored.leefdomeinen);
      // The school and the GGD start (the best pair: same gemeente, 0.9 sector affinity); the gemeente
      // adds two leefdomeinen and its sector; the last place is kept for the voedselbank's ervaringskennis,
      // where Veilig Thuis in Nieuwegein would otherwise have come.
      expect(new Set(memberNames(body).slice(0, 2))).toEqual(new Set(['school', 'ggd']));
      expect(memberNames(body).slice(2)).toEqual(['gemeente', 'voedselbank']);
      expect(body.members.map((member: Member & { origin: string }) => member.origin)).toEqual(['gemeente', 'gemeente', 'gemeente', 'gemeente']);
      expect(body.members[3]).toMatchObject({ bringsErvaringskennis: true, sharedOpgaven: ['bestaanszekerheid'], addedLeefdomeinen: [] });
      expect(body.ervaringskennis).toEqual({
        included: true,
        candidates: 1,
        reason: { code: 'includes-ervaringskennis', params: { included: true, candidates: 1 }, text: 'De coalitie werkt samen met ervaringsdeskundigen: minstens één lid brengt ervaringskennis in' },
      });
      expect(body.uncovered.leefdomeinen).toEqual(['risico-veiligheid', 'maatschappelijke-participatie']);
      expect(body.covered.sectors).toEqual(['gemeente', 'onderwijs', 'jeugdgezondheidszorg', 'maatschappelijke-organisatie']);
      expect(body.sharedOpgaven).toEqual(['meedoen', 'bestaanszekerheid']);
      expect(body.score).toBeGreaterThan(0);
      expect(body.score).toBeLessThanOrEqual(1);
    });

    it('explains every member, in Dutch by default and in English with lang=en', async () => {
      const dutch = await coalition('');
      const english = await coalition('?lang=en');
      const gemeente = dutch.members.find((member: Member) => nameOf(member.partner.id) === 'gemeente');
      expect(gemeente).toMatchObject({ position: 3, addedLeefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving'], addedSector: 'gemeente', distanceKm: 0 });
      expect(gemeente.reasons.map((reason: { text: string }) => reason.text).slice(0, 4)).toEqual([
        'Werkt in Utrecht',
        'Brengt de leefdomeinen Materieel welzijn en Huisvesting en leefomgeving in',
        'Brengt de sector Gemeente in',
        'Deelt de opgave Meedoen met de coalitie',
      ]);
      expect(english.members[3].reasons.map((r: { code: string; text: string }) => [r.code, r.text]).slice(0, 4)).toEqual([
        ['works-in-gemeente', 'Works in Utrecht'],
        ['adds-sector', 'Brings in the Civil society organisation sector'],
        ['brings-ervaringskennis', 'Brings in lived-experience knowledge: the knowledge of people who live with poverty'],
        ['shares-opgaven', 'Shares the task Income security with the coalition'],
      ]);
      expect(english.ervaringskennis.reason.text).toBe('The coalition works with people with lived experience: at least one member brings in lived-experience knowledge');
      expect(english.members.map((m: Member) => m.reasons.map((r) => r.code))).toEqual(dutch.members.map((m: Member) => m.reasons.map((r) => r.code)));
      for (const member of dutch.members) {
        expect(member.partner).not.toHaveProperty('contactEmail');
        expect(member.reasons.length).toBeGreaterThan(0);
      }
    });

    it('takes nearby partners only when Utrecht\'s own run out, says so, and never opted-out or far-away ones', async () => {
      expect(memberNames(await coalition('?size=3')).sort()).toEqual(['ggd', 'school', 'voedselbank']);
      // Fourth: nobody of Utrecht's own shares meedoen any more and the ministry shares nothing: Veilig
      // Thuis beats the Zeist supermarket on distance and sector; fifth, the last place: the voedselbank.
      const five = await coalition('?size=5');
      expect(memberNames(five).slice(2)).toEqual(['gemeente', 'veiligThuis', 'voedselbank']);
      expect(five).toMatchObject({ widened: true, widenedReason: { code: 'widened-to-fill', params: { cause: 'fill', requested: 5, local: 4 } } });
      expect(five.widenedReason.text).toBe(
        'In Utrecht zelf en landelijk werken te weinig passende partners voor een coalitie van 5; daarom zijn ook partners uit buurgemeenten en gemeenten binnen 20 km bekeken',
      );
      const veilig = five.members[3];
      expect(veilig).toMatchObject({ origin: 'nearby', reasons: [{ code: 'works-nearby', text: expect.stringMatching(/^Werkt in Nieuwegein, \d+(\.\d)? km van Utrecht$/) }, ...veilig.reasons.slice(1)] });
      const six = await coalition('?size=6');
      expect(memberNames(six).slice(2)).toEqual(['gemeente', 'veiligThuis', 'supermarket', 'voedselbank']);
      expect(six).toMatchObject({ size: 6, note: null });
      expect(six.uncovered.leefdomeinen).toEqual([]);
      for (const body of [five, six]) expect(memberNames(body)).not.toContain('optedOut');
      expect(memberNames(six)).not.toContain('groningen');
    });

    it('is empty, with the reasons, where too few partners work', async () => {
      const maastricht = await coalition('?lang=en', MAASTRICHT);
      expect(maastricht).toMatchObject({ size: 0, members: [], score: 0, candidates: { local: 0, nearby: 0, national: 1 }, note: { code: 'no-candidates' }, widened: true });
      expect(maastricht.note.text).toBe('No local or regional partners work in or near Maastricht');
      expect(maastricht.widenedReason.text).toBe('No local or regional partner works in Maastricht itself, so partners from neighbouring gemeenten and those within 20 km were considered too');
      expect(maastricht.ervaringskennis).toMatchObject({ included: false, candidates: 0, reason: { code: 'no-ervaringskennis-available' } });
      expect(maastricht.ervaringskennis.reason.text).toBe(
        'No partner in or near Maastricht or nationwide brings in lived-experience knowledge, so this coalition cannot include it; look for people with lived experience to join',
      );
      expect((await coalition('', GRONINGEN)).note.code).toBe('too-few-candidates');
      expect((await coalition('', 'gm0344')).size).toBe(4);
    });

    it('answers 404 for an unknown gemeente and 400 naming the field for a bad size or language', async () => {
      const unknown = await problem('/v1/gemeenten/GM9999/coalition', 404);
      expect(unknown.detail).toBe('Gemeente "GM9999" does not exist');
      for (const size of ['2', '7', 'vier', '3.5']) {
        const body = await problem(`/v1/gemeenten/${UTRECHT}/coalition?size=${size}`, 400);
        expect(body.errors.map((error: { field: string }) => error.field)).toEqual(['size']);
      }
      const lang = await problem(`/v1/gemeenten/${UTRECHT}/coalition?lang=de`, 400);
      expect(lang.errors[0]).toMatchObject({ field: 'lang', value: 'de' });
      await problem(`/v1/gemeenten/${UTRECHT}/coalition?grootte=4`, 400);
    });
  });

  describe('GET /v1/gemeenten/{code}/gaps', () => {
    it('equals a hand count of the local and regional partners listing the gemeente', async () => {
      const { body } = await api.http().get(`/v1/gemeenten/${UTRECHT}/gaps`).expect(200);
      const counted = (counts: { code: string; count: number }[]) => Object.fromEntries(counts.filter((c) => c.count > 0).map((c) => [c.code, c.count]));
      // gemeente, school, ggd (regional) and voedselbank; not the opted-out bakery, not the ministry.
      expect(body.gemeente).toEqual({ code: UTRECHT, name: 'Utrecht', province: 'PV26' });
      expect(body.coverage.partners).toBe(4);
      expect(counted(body.coverage.leefdomeinen)).toEqual({
        'materieel-welzijn': 2,
        'huisvesting-leefomgeving': 1,
        onderwijs: 1,
        'subjectief-welbevinden': 1,
        gezondheid: 1,
        relaties: 1,
      });
      expect(counted(body.coverage.opgaven)).toEqual({ meedoen: 3, bestaanszekerheid: 2, 'kansengelijkheid-onderwijs': 1, 'gezond-opgroeien': 1 });
      expect(counted(body.coverage.sectors)).toEqual({ gemeente: 1, onderwijs: 1, jeugdgezondheidszorg: 1, 'maatschappelijke-organisatie': 1 });
      expect(body.coverage.leefdomeinen).toHaveLength(8);
      expect(body.uncovered).toEqual({
        leefdomeinen: ['risico-veiligheid', 'maatschappelijke-participatie'],
        opgaven: ['een-fijn-thuis', 'ervaringsdeskundigheid', 'beeldvorming', 'vroegsignalering', 'ouderschap-veerkracht', 'systeemverandering'],
        sectors: ['rijksoverheid', 'brancheorganisatie', 'kennisinstelling', 'bedrijfsleven'],
      });
      expect(body.missing).toBe(2 + 6 + 4);
      expect(body.national.partners).toBe(1);
      expect(counted(body.national.leefdomeinen)).toEqual({ 'materieel-welzijn': 1 });
      expect(counted(body.national.sectors)).toEqual({ rijksoverheid: 1 });
    });

    it('answers 404 for an unknown gemeente', async () => {
      await problem('/v1/gemeenten/GM9999/gaps', 404);
    });
  });

  describe('GET /v1/gemeenten/{code}/gap-closers', () => {
    it('equals a hand count of the open leefdomeinen and opgaven each nearby or national partner works on', async () => {
      const { body } = await api.http().get(`/v1/gemeenten/${UTRECHT}/gap-closers`).expect(200);
      // Open in Utrecht (see /gaps): risico-veiligheid and maatschappelijke-participatie, and six opgaven: 8.
      expect(body.uncovered).toEqual({
        leefdomeinen: ['risico-veiligheid', 'maatschappelijke-participatie'],
        opgaven: ['een-fijn-thuis', 'ervaringsdeskundigheid', 'beeldvorming', 'vroegsignalering', 'ouderschap-veerkracht', 'systeemverandering'],
      });
      // The supermarket (Zeist), Veilig Thuis (Nieuwegein) and the ministry; not Groningen, not the opted-out bakery.
      expect(body.candidates).toBe(3);
      // One each: Veilig Thuis risico-veiligheid (6.9 km), the supermarket maatschappelijke participatie (12.4 km); the ministry none.
      expect(body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(body.items.map((item: { rank: number; partner: { id: string }; count: number; distanceKm: number }) => [item.rank, nameOf(item.partner.id), item.count, item.distanceKm])).toEqual([
        [1, 'veiligThuis', 1, 6.9],
        [2, 'supermarket', 1, 12.4],
      ]);
      expect(body.items[0]).toMatchObject({ scope: 'local', covers: { leefdomeinen: ['risico-veiligheid'], opgaven: [] } });
      expect(body.items[0].reasons.map((reason: { text: string }) => reason.text)).toEqual([
        'Werkt in Nieuwegein, 6.9 km van Utrecht',
        'Werkt aan het leefdomein Risico en veiligheid, dat in Utrecht nog geen partner dekt',
        'Dekt 1 van de 8 open leefdomeinen en opgaven van Utrecht',
      ]);
      expect(body.items[0].partner).not.toHaveProperty('contactEmail');
    });

    it('pages like other lists and speaks English with lang=en', async () => {
      const { body } = await api.http().get(`/v1/gemeenten/gm0344/gap-closers?limit=1&offset=1&lang=en`).expect(200);
      expect(body).toMatchObject({ gemeente: { code: UTRECHT }, total: 2, limit: 1, offset: 1 });
      expect(body.items.map((item: { rank: number; partner: { id: string } }) => [item.rank, nameOf(item.partner.id)])).toEqual([[2, 'supermarket']]);
      expect(body.items[0].reasons[1].text).toBe('Works on the life domain Social participation, which no partner in Utrecht covers yet');
    });

    it('answers 400 naming the field for a malformed code or a bad query, 404 for an unknown gemeente', async () => {
      for (const code of ['GM12', 'utrecht', 'GM03444']) {
        expect((await problem(`/v1/gemeenten/${code}/gap-closers`, 400)).errors[0]).toMatchObject({ field: 'code', value: code });
      }
      expect((await problem('/v1/gemeenten/GM9999/gap-closers', 404)).detail).toBe('Gemeente "GM9999" does not exist');
      expect((await problem(`/v1/gemeenten/${UTRECHT}/gap-closers?lang=de`, 400)).errors[0]).toMatchObject({ field: 'lang', value: 'de' });
      expect((await problem(`/v1/gemeenten/${UTRECHT}/gap-closers?limit=0`, 400)).errors[0].field).toBe('limit');
      expect((await problem(`/v1/gemeenten/${UTRECHT}/gap-closers?offset=-1`, 400)).errors[0].field).toBe('offset');
    });
  });

  describe('GET /v1/gaps', () => {
    const codes = (body: { items: { gemeente: { code: string } }[] }) => body.items.map((item) => item.gemeente.code);

    it('ranks gemeenten by what they miss: nobody working there first, Utrecht last', async () => {
      const first = (await api.http().get('/v1/gaps?limit=2').expect(200)).body;
      expect(first).toMatchObject({ total: 342, limit: 2, offset: 0 });
      expect(first.items[0]).toMatchObject({ rank: 1, partners: 0, missing: 26 });
      const last = (await api.http().get('/v1/gaps?offset=338').expect(200)).body;
      // Groningen: one partner, 23 missing; Zeist and Nieuwegein: two partners each, 19 missing (by code); Utrecht: 12.
      expect(codes(last)).toEqual([GRONINGEN, ZEIST, NIEUWEGEIN, UTRECHT]);
      expect(last.items.map((item: { rank: number; missing: number; partners: number }) => [item.rank, item.missing, item.partners])).toEqual([
        [339, 23, 1],
        [340, 19, 2],
        [341, 19, 2],
        [342, 12, 4],
      ]);
      expect(last.items[3].uncovered.leefdomeinen).toEqual(['risico-veiligheid', 'maatschappelijke-participatie']);
    });

    it('filters by province', async () => {
      const { body } = await api.http().get('/v1/gaps?province=PV26&limit=100').expect(200);
      expect(body.total).toBe(26);
      expect(body.items.every((item: { gemeente: { province: string } }) => item.gemeente.province === 'PV26')).toBe(true);
      expect(codes(body).slice(-3)).toEqual([ZEIST, NIEUWEGEIN, UTRECHT]);
      expect(codes(body)).not.toContain(GRONINGEN);
    });

    it('answers 400 naming the field for a bad province or page', async () => {
      expect((await problem('/v1/gaps?province=PV99', 400)).errors[0]).toMatchObject({ field: 'province', value: 'PV99' });
      expect((await problem('/v1/gaps?limit=0', 400)).errors[0].field).toBe('limit');
      expect((await problem('/v1/gaps?offset=-1', 400)).errors[0].field).toBe('offset');
    });
  });

  // Last: it saves a new matching profile.
  it('scores pairs with the active matching profile, the connection network included when it counts', async () => {
    const { version: _version, note: _note, createdAt: _createdAt, ...settings } = (await api.http().get('/v1/matching/profile').expect(200)).body;
    const withNetwork = { ...settings, weights: { ...settings.weights, network: 0.5 } };
    // The school and the GGD both work with the voedselbank: one common partner.
    const id = (name: Name) => created.get(name)!.id;
    for (const member of ['school', 'ggd'] as const) await api.http().post('/v1/connections').send({ partnerA: id(member), partnerB: id('voedselbank') }).expect(201);
    const saved = await eventually(
      () => api.http().put('/v1/matching/profile').send({ ...withNetwork, note: 'netwerk telt mee' }),
      (response) => response.status !== 409,
    );
    expect(saved.status).toBe(202);
    // Let the run the new profile started finish before the app closes.
    await eventually(
      async () => (await api.http().get(saved.headers.location).expect(200)).body,
      (run) => run.status === 'completed' || run.status === 'failed',
    );

    const body = await coalition('?size=3');
    expect(body.profileVersion).toBe(2);
    const connections = [id('school'), id('ggd')].map((a) => ({ a, b: id('voedselbank') }));
    const context = buildMatchContext({ profile: { ...withNetwork, version: 2 }, connections });
    const expected = scorePairReference(created.get('school')!, created.get('ggd')!, context);
    expect(expected.components.network).toBe(1);
    expect(body.members[1].pairScore).toBeCloseTo(expected.score, 4);
  });

  it('documents the four routes with their problem responses', () => {
    const paths = api.openApi.paths;
    expect(Object.keys(paths['/v1/gemeenten/{code}/gap-closers'].get!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    const closerParameters = (paths['/v1/gemeenten/{code}/gap-closers'].get!.parameters as { name: string }[]).map((parameter) => parameter.name).sort();
    expect(closerParameters).toEqual(['code', 'lang', 'limit', 'offset']);
    expect(Object.keys(paths['/v1/gemeenten/{code}/coalition'].get!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '429', '503']);
    expect(Object.keys(paths['/v1/gemeenten/{code}/gaps'].get!.responses).sort()).toEqual(['200', '401', '403', '404', '429', '503']);
    expect(Object.keys(paths['/v1/gaps'].get!.responses).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
    const parameters = paths['/v1/gemeenten/{code}/coalition'].get!.parameters as { name: string; required: boolean; schema?: object }[];
    expect(parameters.find((parameter) => parameter.name === 'size')).toMatchObject({ required: false, schema: { minimum: 3, maximum: 6, default: 4 } });
    expect(parameters.find((parameter) => parameter.name === 'lang')).toMatchObject({ required: false, schema: { enum: ['nl', 'en'] } });
  });
});
