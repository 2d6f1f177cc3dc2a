import { Client } from 'pg';
import { createPartner, onePatchPerField, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

describe('concurrent changes to one partner, and ETag/If-Match (PostgreSQL)', () => {
  let api: TestApp;
  let partner: { id: string; slug: string };

  beforeAll(async () => {
    api = await startTestApp('partner_concurrency');
    partner = await createPartner(api, partnerBody());
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const storedRow = async (): Promise<Record<string, unknown>> => {
    const client = new Client({ connectionString: api.database.url });
    await client.connect();
    try {
      return (await client.query('SELECT * FROM partner WHERE id = $1', [partner.id])).rows[0];
    } finally {
      await client.end();
    }
  };

  it('keeps every field of 20 parallel PATCHes of different fields (two rounds)', async () => {
    for (const round of [1, 2]) {
      const patches = onePatchPerField(round);
      // 20 requests: each field once, the first eight fields a second time with the same value.
      const requests = [...patches, ...patches.slice(0, 8)];
      const responses = await Promise.all(requests.map((body) => api.http().patch(`/v1/partners/${partner.id}`).send(body)));
      expect(responses.map((response) => response.status)).toEqual(requests.map(() => 200));
      const stored = (await api.http().get(`/v1/partners/${partner.id}`).expect(200)).body;
      for (const patch of patches) expect({ [Object.keys(patch)[0]]: stored[Object.keys(patch)[0]] }).toEqual(patch);
      // Every PATCH raised the version once, in its own UPDATE.
      const etags = new Set(responses.map((response) => response.headers.etag));
      expect(etags.size).toBe(requests.length);
    }
  });

  it('sends a strong ETag that changes with every change and equals the one the PATCH answered', async () => {
    const read = await api.http().get(`/v1/partners/${partner.slug}`).expect(200);
    expect(read.headers.etag).toMatch(/^"[^"]+"$/);
    expect((await api.http().get(`/v1/partners/${partner.id}`).expect(200)).headers.etag).toBe(read.headers.etag);
    const patched = await api.http().patch(`/v1/partners/${partner.slug}`).send({ description: 'Nieuwe beschrijving' }).expect(200);
    expect(patched.headers.etag).toMatch(/^"[^"]+"$/);
    expect(patched.headers.etag).not.toBe(read.headers.etag);
    expect((await api.http().get(`/v1/partners/${partner.slug}`).expect(200)).headers.etag).toBe(patched.headers.etag);
  });

  it('applies a PATCH with a current If-Match, *, or a list holding the current tag; refuses a stale one with 412 and writes nothing', async () => {
    const current = (await api.http().get(`/v1/partners/${partner.id}`).expect(200)).headers.etag as string;
    const applied = await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', current).send({ description: 'Met If-Match' }).expect(200);
    const stale = current;
    const before = await storedRow();

    const refused = await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', stale).send({ description: 'Verouderd' }).expect(412);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/precondition-failed', status: 412 });
    // A weak tag never matches under the strong comparison If-Match uses.
    await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', `W/${applied.headers.etag}`).send({ description: 'Zwak' }).expect(412);
    expect(await storedRow()).toEqual(before);

    await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', `"elders", ${applied.headers.etag}`).send({ description: 'Lijst' }).expect(200);
    await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', '*').send({ description: 'Ster' }).expect(200);
    await api.http().patch(`/v1/partners/${partner.id}`).send({ description: 'Zonder' }).expect(200);
    expect((await api.http().get(`/v1/partners/${partner.id}`).expect(200)).body.description).toBe('Zonder');
  });

  it('answers a malformed If-Match with 400 naming the header, and an unknown partner with 404', async () => {
    const before = await storedRow();
    const malformed = await api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', 'geen-etag').send({ description: 'Nee' }).expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    expect(await storedRow()).toEqual(before);
    await api.http().patch('/v1/partners/bestaat-niet').set('If-Match', '*').send({ description: 'Nee' }).expect(404);
  });

  it('of two clients that read the same ETag, the second PATCH gets 412', async () => {
    const etag = (await api.http().get(`/v1/partners/${partner.id}`).expect(200)).headers.etag as string;
    const [first, second] = await Promise.all(
      ['Eerste', 'Tweede'].map((description) => api.http().patch(`/v1/partners/${partner.id}`).set('If-Match', etag).send({ description })),
    );
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner = first.status === 200 ? 'Eerste' : 'Tweede';
    expect((await api.http().get(`/v1/partners/${partner.id}`).expect(200)).body.description).toBe(winner);
  });

  it('documents ETag, If-Match and 412 in OpenAPI', () => {
    const item = api.openApi.paths['/v1/partners/{idOrSlug}'];
    expect(item.get!.responses['200']).toMatchObject({ headers: { ETag: expect.anything() } });
    expect(item.patch!.responses['200']).toMatchObject({ headers: { ETag: expect.anything() } });
    expect(item.patch!.responses['412']).toBeDefined();
    expect(item.patch!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header', required: false })]));
  });
});
