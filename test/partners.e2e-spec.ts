import { partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

describe('partners API (PostgreSQL)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('partners');
  });

  afterAll(async () => {
    await api.close();
  });

  const countPartners = async (): Promise<number> => (await api.http().get('/v1/partners?limit=1').expect(200)).body.total;

  describe('POST /v1/partners', () => {
    it('stores a partner with a slug derived from its name', async () => {
      const response = await api.http().post('/v1/partners').send(partnerBody({ name: "Stichting Leergeld 's-Hertogenbosch" })).expect(201);
      expect(response.body).toMatchObject({
        slug: 'stichting-leergeld-s-hertogenbosch',
        name: "Stichting Leergeld 's-Hertogenbosch",
        sector: 'maatschappelijke-organisatie',
        gemeenten: ['GM0344'],
        matchingOptOut: false,
      });
      expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('refuses a name whose slug is taken with a 409 naming the existing partner, and numbers the slug with allowSimilarName', async () => {
      const first = (await api.http().post('/v1/partners').send(partnerBody({ name: 'Jeugdfonds Zwolle' })).expect(201)).body;
      const refused = await api.http().post('/v1/partners').send(partnerBody({ name: 'Jeugdfonds  ZWOLLE' })).expect(409);
      expect(refused.body.detail).toContain('"Jeugdfonds Zwolle" (slug "jeugdfonds-zwolle", id ' + first.id + ')');
      expect(refused.body.detail).toContain('allowSimilarName: true');
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'name', value: 'Jeugdfonds  ZWOLLE' })]);
      const second = await api.http().post('/v1/partners').send(partnerBody({ name: 'Jeugdfonds Zwolle', allowSimilarName: true })).expect(201);
      expect(second.body.slug).toBe('jeugdfonds-zwolle-2');
      expect(second.body).not.toHaveProperty('allowSimilarName');
      await api.http().patch(`/v1/partners/${first.id}`).send({ allowSimilarName: true }).expect(400);
    });

    it('gives racing creations of one name each their own slug, never a 500', async () => {
      const responses = await Promise.all(Array.from({ length: 12 }, () => api.http().post('/v1/partners').send(partnerBody({ name: 'Stichting Gelijktijdig', allowSimilarName: true }))));
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const slugs = responses.filter((response) => response.status === 201).map((response) => response.body.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs.length).toBeGreaterThan(0);
    });

    it.each([
      ['sector', { sector: 'bakkerij' }, 'bakkerij'],
      ['opgaven', { opgaven: ['meedoen', 'wereldvrede'] }, 'wereldvrede'],
      ['leefdomeinen', { leefdomeinen: ['sport'] }, 'sport'],
      ['gemeenten', { gemeenten: ['GM9999'] }, 'GM9999'],
      ['kennisbronnen', { kennisbronnen: ['intuitie'] }, 'intuitie'],
      ['verandertheorie', { verandertheorie: ['versterken', 'vermijden'] }, 'vermijden'],
      ['scope', { scope: 'global' }, 'global'],
    ])('rejects an unknown %s code with 400 naming the field and value, storing nothing', async (field, override, bad) => {
      const before = await countPartners();
      const response = await api.http().post('/v1/partners').send(partnerBody({ name: `Onbekend ${field}`, ...override })).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, type: '/problems/validation-failed', instance: '/v1/partners' });
      const error = response.body.errors.find((entry: { field: string }) => entry.field === field);
      expect(error).toBeDefined();
      expect(JSON.stringify(error.value) + error.message).toContain(bad);
      expect(await countPartners()).toBe(before);
    });

    it('stores the verandertheorie levels a partner states, normalised like kennisbronnen, and none when left out', async () => {
      const stated = await api.http().post('/v1/partners').send(partnerBody({ name: 'Voedselbank Amersfoort', gemeenten: ['GM0307'], verandertheorie: [' Verzachten', 'versterken', 'verzachten'] })).expect(201);
      expect(stated.body.verandertheorie).toEqual(['verzachten', 'versterken']);
      await api.http().get(`/v1/partners/${stated.body.id}`).expect(200, stated.body);
      const unstated = await api.http().post('/v1/partners').send(partnerBody({ name: 'Voedselbank Leusden', gemeenten: ['GM0327'] })).expect(201);
      expect(unstated.body.verandertheorie).toEqual([]);
      const notAList = await api.http().post('/v1/partners').send(partnerBody({ name: 'Voedselbank Baarn', verandertheorie: 'verzachten' })).expect(400);
      expect(notAList.body.errors).toEqual([expect.objectContaining({ field: 'verandertheorie' })]);
    });

    it('requires a gemeente for a local partner and none for a national one', async () => {
      const local = await api.http().post('/v1/partners').send(partnerBody({ gemeenten: [] })).expect(400);
      expect(local.body.errors).toEqual([expect.objectContaining({ field: 'gemeenten', message: expect.stringContaining('at least one gemeente') })]);
      const national = await api.http().post('/v1/partners').send(partnerBody({ scope: 'national', gemeenten: ['GM0363'] })).expect(400);
      expect(national.body.errors[0].field).toBe('gemeenten');
      await api.http().post('/v1/partners').send(partnerBody({ name: 'Ministerie van Voorbeeldzaken', sector: 'rijksoverheid', scope: 'national', gemeenten: [] })).expect(201);
    });

    it('rejects fields it does not know, missing names, bad e-mail and bad tags', async () => {
      const response = await api
        .http()
        .post('/v1/partners')
        .send(partnerBody({ name: undefined, shoeSize: 44, contactEmail: 'nope', offers: ['Vrijwilligers Gezocht!'] }))
        .expect(400);
      const fields = response.body.errors.map((entry: { field: string }) => entry.field).sort();
      expect(fields).toEqual(['contactEmail', 'name', 'offers', 'shoeSize']);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await api.http().post('/v1/partners').set('content-type', 'application/json').send('{"name": ').expect(400);
      expect(response.body).toMatchObject({ status: 400, instance: '/v1/partners' });
      expect(response.text).not.toMatch(/at .*\.js:\d+/);
    });
  });

  describe('GET /v1/partners/{idOrSlug}', () => {
    it('finds a partner by id and by slug', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'GGD Hollands Midden' })).expect(201);
      await api.http().get(`/v1/partners/${created.body.id}`).expect(200, created.body);
      await api.http().get('/v1/partners/ggd-hollands-midden').expect(200, created.body);
    });

    it('answers 404 for an unknown id or slug', async () => {
      const response = await api.http().get('/v1/partners/00000000-0000-4000-8000-000000000000').expect(404);
      expect(response.body).toMatchObject({ status: 404, type: '/problems/not-found' });
      await api.http().get('/v1/partners/bestaat-niet').expect(404);
    });
  });

  describe('PATCH /v1/partners/{idOrSlug}', () => {
    it('changes only the given fields and keeps the slug', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'Buurthuis De Brug Delft', gemeenten: ['GM0503'] })).expect(201);
      const updated = await api
        .http()
        .patch(`/v1/partners/${created.body.slug}`)
        .send({ name: 'Buurthuis De Brug', opgaven: ['meedoen', 'een-fijn-thuis'], matchingOptOut: true })
        .expect(200);
      expect(updated.body).toMatchObject({
        slug: 'buurthuis-de-brug-delft',
        name: 'Buurthuis De Brug',
        opgaven: ['meedoen', 'een-fijn-thuis'],
        gemeenten: ['GM0503'],
        description: created.body.description,
        matchingOptOut: true,
      });
      expect(new Date(updated.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.body.updatedAt).getTime());
    });

    it('changes the verandertheorie levels alone, clears them with an empty list and refuses an unknown level naming the field', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'CBS De Fontein Zeist', sector: 'onderwijs', gemeenten: ['GM0355'], verandertheorie: ['versterken'] })).expect(201);
      const updated = await api.http().patch(`/v1/partners/${created.body.id}`).send({ verandertheorie: ['versterken', 'veranderen'] }).expect(200);
      expect(updated.body).toMatchObject({ verandertheorie: ['versterken', 'veranderen'], kennisbronnen: created.body.kennisbronnen, opgaven: created.body.opgaven });
      const refused = await api.http().patch(`/v1/partners/${created.body.id}`).send({ verandertheorie: ['veranderen', 'verbeteren'] }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'verandertheorie', message: expect.stringContaining('"verbeteren"') })]);
      expect((await api.http().patch(`/v1/partners/${created.body.id}`).send({ verandertheorie: null }).expect(400)).body.errors[0].field).toBe('verandertheorie');
      expect((await api.http().get(`/v1/partners/${created.body.id}`).expect(200)).body.verandertheorie).toEqual(['versterken', 'veranderen']);
      const cleared = await api.http().patch(`/v1/partners/${created.body.id}`).send({ verandertheorie: [] }).expect(200);
      expect(cleared.body.verandertheorie).toEqual([]);
    });

    it('clears the gemeenten when a partner becomes national', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'Kenniscentrum Armoede' })).expect(201);
      const updated = await api.http().patch(`/v1/partners/${created.body.id}`).send({ scope: 'national' }).expect(200);
      expect(updated.body.gemeenten).toEqual([]);
      await api.http().patch(`/v1/partners/${created.body.id}`).send({ scope: 'regional' }).expect(400);
    });

    it('rejects a bad change with 400 and leaves the partner as it was', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'Sportclub Assen', gemeenten: ['GM0106'] })).expect(201);
      const response = await api.http().patch(`/v1/partners/${created.body.id}`).send({ sector: 'circus', name: 'Circus Assen' }).expect(400);
      expect(response.body.errors[0]).toMatchObject({ field: 'sector', value: 'circus' });
      await api.http().get(`/v1/partners/${created.body.id}`).expect(200, created.body);
    });

    it('answers 404 for an unknown partner', async () => {
      await api.http().patch('/v1/partners/bestaat-niet').send({ name: 'Nieuw' }).expect(404);
    });
  });

  describe('DELETE /v1/partners/{idOrSlug}', () => {
    it('removes the partner', async () => {
      const created = await api.http().post('/v1/partners').send(partnerBody({ name: 'Kledingbank Weg' })).expect(201);
      await api.http().delete(`/v1/partners/${created.body.slug}`).expect(204);
      await api.http().get(`/v1/partners/${created.body.id}`).expect(404);
      await api.http().delete(`/v1/partners/${created.body.id}`).expect(404);
    });
  });

  describe('GET /v1/partners', () => {
    beforeAll(async () => {
      const fixtures = [
        { name: 'Filter Gemeente Amsterdam', sector: 'gemeente', gemeenten: ['GM0363'], opgaven: ['bestaanszekerheid'], leefdomeinen: ['huisvesting-leefomgeving'] },
        { name: 'Filter School Haarlem', sector: 'onderwijs', gemeenten: ['GM0392'], opgaven: ['kansengelijkheid-onderwijs'], leefdomeinen: ['onderwijs'] },
        { name: 'Filter Supermarkt Maastricht', sector: 'bedrijfsleven', gemeenten: ['GM0935'], opgaven: ['meedoen'], description: 'Schoolontbijt sponsor' },
        { name: 'Filter Landelijk Fonds', sector: 'maatschappelijke-organisatie', scope: 'national', gemeenten: [] },
      ];
      for (const fixture of fixtures) await api.http().post('/v1/partners').send(partnerBody(fixture)).expect(201);
    });

    const names = async (query: string): Promise<string[]> => {
      const response = await api.http().get(`/v1/partners?limit=500&${query}`).expect(200);
      expect(response.body.total).toBe(response.body.items.length);
      return response.body.items.map((partner: { name: string }) => partner.name).filter((name: string) => name.startsWith('Filter '));
    };

    it.each([
      ['sector=onderwijs', ['Filter School Haarlem']],
      ['scope=national', ['Filter Landelijk Fonds']],
      ['gemeente=GM0363', ['Filter Gemeente Amsterdam']],
      ['province=PV27', ['Filter Gemeente Amsterdam', 'Filter School Haarlem']],
      ['province=PV31&gemeente=GM0935', ['Filter Supermarkt Maastricht']],
      ['province=PV31&gemeente=GM0363', []],
      ['opgave=kansengelijkheid-onderwijs', ['Filter School Haarlem']],
      ['leefdomein=huisvesting-leefomgeving', ['Filter Gemeente Amsterdam']],
      ['q=schoolontbijt', ['Filter Supermarkt Maastricht']],
      ['q=FILTER%20school', ['Filter School Haarlem']],
      ['q=100%25', []],
    ])('filters by %s', async (query, expected) => {
      expect(await names(query)).toEqual(expected);
    });

    it('pages with limit and offset and reports the total', async () => {
      const all = await api.http().get('/v1/partners?limit=500').expect(200);
      const page = await api.http().get('/v1/partners?limit=2&offset=1').expect(200);
      expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1 });
      expect(page.body.items).toEqual(all.body.items.slice(1, 3));
    });

    it.each(['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'sector=circus', 'province=PV99', 'unknown=1'])('rejects %s with 400', async (query) => {
      const response = await api.http().get(`/v1/partners?${query}`).expect(400);
      expect(response.body.errors[0].field).toBe(query.split('=')[0]);
    });

    // Presence, then type, then range: `limit=abc` once said "must not be greater than 500".
    it.each([
      ['limit=abc', 'limit must be an integer written in digits'],
      ['limit=1.5', 'limit must be an integer written in digits'],
      ['limit=501', 'limit must not be greater than 500'],
      ['sector=', 'sector must not be empty: a code, see /v1/taxonomy'],
    ])('says what is wrong with %s', async (query, message) => {
      const response = await api.http().get(`/v1/partners?${query}`).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: query.split('=')[0], message })]);
    });
  });

  describe('messages of a create', () => {
    it.each([
      [{ name: undefined }, 'name', 'name is required'],
      [{ name: 5 }, 'name', 'name must be a string'],
      [{ sector: undefined }, 'sector', 'sector is required'],
      [{ sector: 5 }, 'sector', 'sector must be a string: a code, see /v1/taxonomy'],
      [{ gemeenten: 'GM0344' }, 'gemeenten', 'gemeenten must be an array'],
      [{ offers: 'voedsel' }, 'offers', 'offers must be an array'],
      [{ matchingOptOut: 'ja' }, 'matchingOptOut', 'matchingOptOut must be a boolean value'],
      [{ allowSimilarName: 'ja' }, 'allowSimilarName', 'allowSimilarName must be a boolean value'],
    ])('%j answers %s: %s', async (override, field, message) => {
      const response = await api.http().post('/v1/partners').send(partnerBody({ name: 'Berichten Test', ...override })).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field, message })]);
    });
  });
});
