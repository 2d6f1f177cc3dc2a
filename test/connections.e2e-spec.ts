import { partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('connections API (PostgreSQL)', () => {
  let api: TestApp;
  let school: { id: string; slug: string };
  let supermarket: { id: string; slug: string };
  let gemeente: { id: string; slug: string };

  beforeAll(async () => {
    api = await startTestApp('connections');
    const create = async (overrides: Record<string, unknown>) => (await api.http().post('/v1/partners').send(partnerBody(overrides)).expect(201)).body;
    school = await create({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs' });
    supermarket = await create({ name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven' });
    gemeente = await create({ name: 'Gemeente Utrecht', sector: 'gemeente' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('records a collaboration between two partners given by slug or id', async () => {
    const response = await api.http().post('/v1/connections').send({ partnerA: school.slug, partnerB: supermarket.id, note: 'Schoolontbijt' }).expect(201);
    expect(response.body).toMatchObject({ note: 'Schoolontbijt' });
    expect([response.body.partnerA.slug, response.body.partnerB.slug].sort()).toEqual([school.slug, supermarket.slug].sort());
  });

  it('answers 409 for a pair that is already connected, in either order', async () => {
    const response = await api.http().post('/v1/connections').send({ partnerA: supermarket.slug, partnerB: school.slug }).expect(409);
    expect(response.body).toMatchObject({ status: 409, type: '/problems/conflict' });
    const list = await api.http().get(`/v1/connections?partner=${school.slug}`).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('rejects connecting a partner to itself', async () => {
    const response = await api.http().post('/v1/connections').send({ partnerA: school.slug, partnerB: school.id }).expect(400);
    expect(response.body.errors[0].field).toBe('partnerB');
  });

  it('answers 404 naming the field for an unknown partner', async () => {
    const response = await api.http().post('/v1/connections').send({ partnerA: school.slug, partnerB: 'bestaat-niet' }).expect(404);
    expect(response.body.errors[0]).toMatchObject({ field: 'partnerB', value: 'bestaat-niet' });
  });

  it('rejects a body without partners', async () => {
    const response = await api.http().post('/v1/connections').send({ note: 'x' }).expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['partnerA', 'partnerB']);
  });

  it('lists the connections of one partner, paged', async () => {
    await api.http().post('/v1/connections').send({ partnerA: gemeente.slug, partnerB: school.slug }).expect(201);
    const ofSchool = await api.http().get(`/v1/connections?partner=${school.slug}&limit=1`).expect(200);
    expect(ofSchool.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(ofSchool.body.items).toHaveLength(1);
    const ofSupermarket = await api.http().get(`/v1/connections?partner=${supermarket.id}`).expect(200);
    expect(ofSupermarket.body.total).toBe(1);
    await api.http().get('/v1/connections?partner=bestaat-niet').expect(404);
  });

  it('deletes a connection, then answers 404 for it', async () => {
    const created = await api.http().post('/v1/connections').send({ partnerA: gemeente.slug, partnerB: supermarket.slug }).expect(201);
    await api.http().delete(`/v1/connections/${created.body.id}`).expect(204);
    await api.http().delete(`/v1/connections/${created.body.id}`).expect(404);
    await api.http().delete('/v1/connections/not-a-uuid').expect(404);
  });

  it('removes the connections of a deleted partner', async () => {
    await api.http().delete(`/v1/partners/${gemeente.id}`).expect(204);
    const list = await api.http().get(`/v1/connections?partner=${school.slug}`).expect(200);
    expect(list.body.items.map((connection: { partnerA: { id: string }; partnerB: { id: string } }) => [connection.partnerA.id, connection.partnerB.id].sort())).toEqual([
      [school.id, supermarket.id].sort(),
    ]);
  });
});
