import { SuggestionRepository } from '@app/persistence';
import { DataSource } from 'typeorm';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(30_000);

describe('privacy: export of everything held about a partner, opt-out (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  const slugs: string[] = [];

  const create = async (overrides: Record<string, unknown>): Promise<string> => (await createPartner(api, partnerBody(overrides))).slug;
  const teamList = async (slug: string): Promise<string[]> =>
    (await api.http().get(`/v1/partners/${slug}/suggestions?view=team`).expect(200)).body.items.map((item: { candidate: { slug: string } }) => item.candidate.slug);

  beforeAll(async () => {
    api = await startTestApp('privacy');
    slugs.push(await create({ name: 'Voedselbank Utrecht', contactEmail: 'privacy@voedselbank-utrecht.example.org' }));
    slugs.push(await create({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs' }));
    slugs.push(await create({ name: 'Gemeente Utrecht', sector: 'gemeente' }));
    slugs.push(await create({ name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven' }));
    await completeFullRun(api);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('exports the profile with private fields, connections, matches with history, feedback and suggestions', async () => {
    const [voedselbank, school, gemeente] = slugs;
    await api.http().post('/v1/connections').send({ partnerA: voedselbank, partnerB: gemeente, note: 'Kerstpakketten' }).expect(201);
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items;
    const pair = reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) =>
      [item.partnerA.slug, item.partnerB.slug].sort().join() === [voedselbank, school].sort().join(),
    );
    await api.http().patch(`/v1/matches/${pair.id}`).send({ status: 'approved' }).expect(200);
    await api.http().post(`/v1/partners/${school}/suggestions/${voedselbank}/feedback`).send({ verdict: 'interested', reason: 'Ontbijt' }).expect(200);

    const exported = (await api.http().get(`/v1/partners/${voedselbank}/export`).expect(200)).body;
    expect(exported.partner).toMatchObject({ slug: voedselbank, contactEmail: 'privacy@voedselbank-utrecht.example.org' });
    expect(exported.connections).toHaveLength(1);
    expect(exported.connections[0].note).toBe('Kerstpakketten');
    const approved = exported.matches.find((entry: { match: { id: string } }) => entry.match.id === pair.id);
    expect(approved.history).toEqual([expect.objectContaining({ actor: 'admin', from: 'pending', to: 'approved' })]);
    expect(exported.feedback).toEqual([expect.objectContaining({ candidateId: exported.partner.id, verdict: 'interested', reason: 'Ontbijt' })]);
    expect(exported.suggestions.length).toBeGreaterThan(0);
    expect(exported.inListsOf).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown partner', async () => {
    await api.http().get('/v1/partners/bestaat-niet/export').expect(404);
  });

  it('leaves an opted-out partner in nobody\'s list and gives it none, and its export says so', async () => {
    const [, school, , supermarket] = slugs;
    expect(await teamList(supermarket)).toContain(school);
    await api.http().patch(`/v1/partners/${school}`).send({ matchingOptOut: true }).expect(200);
    for (const slug of slugs.filter((other) => other !== school)) {
      await eventually(() => teamList(slug), (list) => !list.includes(school));
    }
    expect(await teamList(school)).toEqual([]);
    const exported = (await api.http().get(`/v1/partners/${school}/export`).expect(200)).body;
    expect(exported).toMatchObject({ partner: { matchingOptOut: true }, suggestions: [], inListsOf: 0 });
  });

  it('erases a partner: gone from every list, its mentions in others\' notes and the audit trail anonymised', async () => {
    const [voedselbank, , gemeente, supermarket] = slugs;
    const name = 'Voedselbank Utrecht';
    await api.http().post('/v1/connections').send({ partnerA: gemeente, partnerB: supermarket, note: `Samen met ${name} gestart` }).expect(201);
    const reviews = (await api.http().get('/v1/reviews?limit=500&status=pending').expect(200)).body.items;
    const unrelated = reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => ![item.partnerA.slug, item.partnerB.slug].includes(voedselbank));
    await api.http().patch(`/v1/matches/${unrelated.id}`).send({ status: 'approved', note: `Zoals bij ${name.toLowerCase()}` }).expect(200);

    await api.http().delete(`/v1/partners/${voedselbank}?erase=maybe`).expect(400);
    await api.http().get(`/v1/partners/${voedselbank}`).expect(200);
    const erasedId = (await api.http().get(`/v1/partners/${voedselbank}`).expect(200)).body.id;
    const rowsNaming = async (id: string): Promise<number> =>
      (await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM suggestion WHERE partner_id = $1 OR candidate_id = $1`, [id]))[0].n;
    expect(await rowsNaming(erasedId)).toBeGreaterThan(0);
    await api.http().delete(`/v1/partners/${voedselbank}?erase=true`).expect(204);

    // At once, not at the next repair: suggestion rows have no foreign keys, a trigger on partner deletes them.
    expect(await rowsNaming(erasedId)).toBe(0);
    await api.http().get(`/v1/partners/${voedselbank}`).expect(404);
    for (const slug of [gemeente, supermarket]) {
      await eventually(() => teamList(slug), (list) => !list.includes(voedselbank));
      const exported = JSON.stringify((await api.http().get(`/v1/partners/${slug}/export`).expect(200)).body);
      expect(exported).not.toContain(erasedId);
      expect(exported.toLowerCase()).not.toContain(name.toLowerCase());
    }
    const connection = (await api.http().get(`/v1/connections?partner=${supermarket}`).expect(200)).body.items[0];
    expect(connection.note).toBe('Samen met [verwijderde partner] gestart');
    const history = (await api.http().get(`/v1/matches/${unrelated.id}/history`).expect(200)).body.items;
    expect(history.map((event: { note: string }) => event.note)).toEqual(['Zoals bij [verwijderde partner]']);
  });

  it('erases at once also while a repair is writing lists that name the partner', async () => {
    const leaving = await create({ name: 'Stichting Leergeld Utrecht', offers: ['financiering'] });
    const staying = await create({ name: 'Bibliotheek Utrecht', sector: 'maatschappelijke-organisatie' });
    await eventually(() => teamList(staying), (list) => list.includes(leaving));
    const leavingId = (await api.http().get(`/v1/partners/${leaving}`).expect(200)).body.id;
    const rowsNaming = async (): Promise<number> =>
      (await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM suggestion WHERE partner_id = $1 OR candidate_id = $1`, [leavingId]))[0].n;
    // The repair of the next change writes its lists (naming the partner) and holds its transaction open.
    const repository = api.app.get(SuggestionRepository);
    const replaceLists = repository.replaceLists.bind(repository);
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const spy = jest.spyOn(repository, 'replaceLists').mockImplementationOnce(async (...args) => {
      await replaceLists(...args);
      wrote();
      await held;
    });
    try {
      await api.http().patch(`/v1/partners/${staying}`).send({ opgaven: ['vroegsignalering', 'meedoen'] }).expect(200);
      await written;
      const erasing = api.http().delete(`/v1/partners/${leaving}?erase=true`).then((response) => response.status);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      expect(await erasing).toBe(204);
    } finally {
      release();
      spy.mockRestore();
    }
    expect(await rowsNaming()).toBe(0);
  });
});
