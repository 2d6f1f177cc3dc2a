import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(30_000);

describe('people: partner contacts from contactEmail, admin-managed people (PostgreSQL)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('people');
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('makes a new partner\'s contactEmail its first contact, and a CSV import does too', async () => {
    const partner = await createPartner(api, partnerBody({ name: 'Voedselbank Utrecht', contactEmail: 'Info@Voedselbank-Utrecht.example.org' }));
    const csv = 'name,sector,scope,gemeenten,contactEmail\nOBS De Regenboog Utrecht,onderwijs,local,GM0344,directie@regenboog.example.org\n';
    await api.http().post('/v1/partners/import').attach('file', Buffer.from(csv), { filename: 'p.csv', contentType: 'text/csv' }).expect(201);
    const people = (await api.http().get('/v1/people').expect(200)).body.items;
    expect(people).toEqual([
      expect.objectContaining({ email: 'Info@Voedselbank-Utrecht.example.org', role: 'partner', partner: expect.objectContaining({ id: partner.id }), language: 'nl', active: true, wantsDigest: true }),
      expect.objectContaining({ email: 'directie@regenboog.example.org', role: 'partner', partner: expect.objectContaining({ slug: 'obs-de-regenboog-utrecht' }) }),
    ]);
    expect((await api.http().get('/v1/people?partner=voedselbank-utrecht').expect(200)).body.items).toHaveLength(1);
  });

  it('adds, changes and removes people; the e-mail is unique in any case (409)', async () => {
    const created = await api.http().post('/v1/people').send({ email: 'anna@sardes.example.org', name: 'Anna de Vries', role: 'team', language: 'en' }).expect(201);
    expect(created.body).toMatchObject({ email: 'anna@sardes.example.org', role: 'team', partner: null, language: 'en' });
    const duplicate = await api.http().post('/v1/people').send({ email: 'ANNA@sardes.example.org', name: 'Anna', role: 'admin' }).expect(409);
    expect(duplicate.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    const changed = await api.http().patch(`/v1/people/${created.body.id}`).send({ role: 'partner', partner: 'voedselbank-utrecht', wantsDigest: false }).expect(200);
    expect(changed.body).toMatchObject({ role: 'partner', partner: { slug: 'voedselbank-utrecht' }, wantsDigest: false });
    await api.http().patch(`/v1/people/${created.body.id}`).send({ email: 'info@voedselbank-utrecht.example.org' }).expect(409);
    await api.http().delete(`/v1/people/${created.body.id}`).expect(204);
    await api.http().delete(`/v1/people/${created.body.id}`).expect(404);
  });

  it('names the field of bad input and changes nothing', async () => {
    const before = (await api.http().get('/v1/people').expect(200)).body.items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'geen-adres', name: 'X', role: 'team' }, 'email'],
      [{ email: 'x@example.org', name: 'X', role: 'chef' }, 'role'],
      [{ email: 'x@example.org', name: 'X', role: 'partner' }, 'partner'],
      [{ email: 'x@example.org', name: 'X', role: 'team', partner: 'voedselbank-utrecht' }, 'partner'],
      [{ email: 'x@example.org', name: 'X', role: 'team', language: 'de' }, 'language'],
    ];
    for (const [body, field] of cases) {
      const response = await api.http().post('/v1/people').send(body).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    await api.http().post('/v1/people').send({ email: 'x@example.org', name: 'X', role: 'partner', partner: 'bestaat-niet' }).expect(404);
    await api.http().patch('/v1/people/00000000-0000-4000-8000-000000000000').send({ name: 'Y' }).expect(404);
    expect((await api.http().get('/v1/people').expect(200)).body.items).toHaveLength(before);
  });

  it('removes a partner\'s people with the partner', async () => {
    await api.http().delete('/v1/partners/obs-de-regenboog-utrecht').expect(204);
    const emails = (await api.http().get('/v1/people').expect(200)).body.items.map((person: { email: string }) => person.email);
    expect(emails).not.toContain('directie@regenboog.example.org');
  });
});
