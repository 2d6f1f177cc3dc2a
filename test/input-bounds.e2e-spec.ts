import { digestTables, settledDigest } from './support/database-digest';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** Offsets PostgreSQL cannot take as bigint, or that are no plain integer. */
const BAD_OFFSETS = ['1e20', '1e308', '9223372036854775808', '1000001', '1e3', '1.5', '-1', '+1', '0x10', 'Infinity', 'NaN'];

/** Fields of PATCH /v1/partners/{id} whose column cannot hold null. */
const NOT_NULL_FIELDS = ['name', 'sector', 'scope', 'gemeenten', 'leefdomeinen', 'opgaven', 'kennisbronnen', 'verandertheorie', 'offers', 'needs', 'description', 'matchingOptOut'];

describe('pagination bounds and null fields (PostgreSQL)', () => {
  let api: TestApp;
  let partner: { id: string; slug: string };
  let other: { id: string; slug: string };
  let paginated: string[] = [];

  beforeAll(async () => {
    api = await startTestApp('input_bounds');
    partner = await createPartner(api, partnerBody(UTRECHT_PARTNERS[0]));
    other = await createPartner(api, partnerBody(UTRECHT_PARTNERS[1]));
    await completeFullRun(api);
    // Every GET route with an offset, as documented: a paginated route added later is covered too.
    paginated = Object.entries(api.openApi.paths)
      .filter(([, item]) => item.get?.parameters?.some((parameter) => 'name' in parameter && parameter.name === 'offset'))
      .map(([path]) => path.replace('{idOrSlug}', partner.slug).replace('{code}', 'GM0344'));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('finds the nine paginated routes in OpenAPI, each documenting the offset maximum', () => {
    expect(paginated.sort()).toEqual(
      ['/v1/connections', '/v1/dev/mailbox', '/v1/gaps', '/v1/gemeenten/GM0344/gap-closers', '/v1/matching/profile/versions', '/v1/matching/runs', '/v1/partners', `/v1/partners/${partner.slug}/suggestions`, '/v1/reviews'].sort(),
    );
    for (const item of Object.values(api.openApi.paths)) {
      const offset = item.get?.parameters?.find((parameter) => 'name' in parameter && parameter.name === 'offset') as { schema?: { maximum?: number } } | undefined;
      if (offset) expect(offset.schema?.maximum).toBe(1_000_000);
    }
  });

  it('answers huge, exponent, fractional and signed offsets on every paginated route with 400 naming offset', async () => {
    const wrong: string[] = [];
    for (const path of paginated) {
      for (const offset of BAD_OFFSETS) {
        const response = await api.http().get(`${path}?offset=${encodeURIComponent(offset)}`);
        const named = response.body.errors?.some((error: { field: string }) => error.field === 'offset');
        if (response.status !== 400 || !named) wrong.push(`${path}?offset=${offset} → ${response.status} ${response.text.slice(0, 120)}`);
      }
      const deepest = await api.http().get(`${path}?offset=1000000`);
      if (deepest.status !== 200) wrong.push(`${path}?offset=1000000 → ${deepest.status}`);
      const limit = await api.http().get(`${path}?limit=1e1`);
      if (limit.status !== 400) wrong.push(`${path}?limit=1e1 → ${limit.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers PATCH of a partner with null for a field that cannot be null with 400 naming it, and changes nothing', async () => {
    const before = await settledDigest(api.database.url);
    for (const field of NOT_NULL_FIELDS) {
      const response = await api.http().patch(`/v1/partners/${partner.id}`).send({ [field]: null });
      expect({ field, status: response.status, errors: response.body.errors }).toEqual({
        field,
        status: 400,
        errors: [{ field, message: `${field} must not be null`, value: null }],
      });
    }
    expect(await digestTables(api.database.url)).toEqual(before);
  });

  it('still clears the fields that can be null (website, contactEmail)', async () => {
    const cleared = await api.http().patch(`/v1/partners/${other.id}`).send({ website: null, contactEmail: null }).expect(200);
    expect(cleared.body).toMatchObject({ website: null, contactEmail: null });
  });

  it('refuses null for optional fields of the other write routes, naming the field', async () => {
    const match = (await api.http().get('/v1/reviews').expect(200)).body.items[0].id as string;
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['post', '/v1/partners', partnerBody({ name: 'Nieuw', description: null }), 'description'],
      ['post', '/v1/partners', partnerBody({ name: null }), 'name'],
      ['post', '/v1/connections', { partnerA: partner.slug, partnerB: other.slug, note: null }, 'note'],
      ['patch', `/v1/matches/${match}`, { status: 'approved', note: null }, 'note'],
      ['post', '/v1/matches/bulk', { ids: [match], status: 'approved', note: null }, 'note'],
      ['post', '/v1/api-keys', { name: 'Sleutel', role: 'team', partner: null }, 'partner'],
      ['post', '/v1/api-keys', { name: 'Sleutel', role: 'portal', allowedOrigins: null }, 'allowedOrigins'],
      ['post', `/v1/partners/${partner.slug}/suggestions/${other.slug}/feedback`, { verdict: 'interested', reason: null }, 'reason'],
    ];
    const before = await settledDigest(api.database.url);
    for (const [method, path, body, field] of cases) {
      const response = await (method === 'post' ? api.http().post(path) : api.http().patch(path)).send(body);
      expect({ path, status: response.status, fields: response.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ path, status: 400, fields: [field] });
    }
    const profile = (await api.http().get('/v1/matching/profile').expect(200)).body;
    // The profile's note can be null (GET answers it so for the built-in version, and a body may be what GET answered); its version cannot.
    const saved = await api.http().put('/v1/matching/profile').send({ ...profile, version: null });
    expect({ status: saved.status, fields: saved.body.errors?.map((error: { field: string }) => error.field) }).toEqual({ status: 400, fields: ['version'] });
    expect(await digestTables(api.database.url)).toEqual(before);
  });
});
