import { DataSource } from 'typeorm';
import { partnerBody } from './support/partner-fixtures';
import { PROTECTED_ROUTES, type RouteAccess } from './support/route-access';
import { startTestApp, type TestApp } from './support/test-app';

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
const PORTAL_ORIGIN = 'https://www.kinderarmoede.example';

/**
 * A request to each route that any caller allowed to make it answers with the same status,
 * and that changes nothing: reads, unknown ids and invalid bodies. `{own}` is the partner
 * the partner key belongs to.
 */
const SAMPLES: Record<string, { url: string; body?: unknown; allowed: number[] }> = {
  'get /v1/taxonomy': { url: '/v1/taxonomy', allowed: [200] },
  'get /v1/taxonomy/leefdomeinen': { url: '/v1/taxonomy/leefdomeinen', allowed: [200] },
  'get /v1/taxonomy/opgaven': { url: '/v1/taxonomy/opgaven', allowed: [200] },
  'get /v1/taxonomy/sectors': { url: '/v1/taxonomy/sectors', allowed: [200] },
  'get /v1/taxonomy/kennisbronnen': { url: '/v1/taxonomy/kennisbronnen', allowed: [200] },
  'get /v1/taxonomy/verandertheorie': { url: '/v1/taxonomy/verandertheorie', allowed: [200] },
  'get /v1/taxonomy/provinces': { url: '/v1/taxonomy/provinces', allowed: [200] },
  'get /v1/taxonomy/gemeenten': { url: '/v1/taxonomy/gemeenten', allowed: [200] },
  'get /v1/taxonomy/gemeenten/{code}': { url: '/v1/taxonomy/gemeenten/GM0344', allowed: [200] },
  'post /v1/partners': { url: '/v1/partners', body: {}, allowed: [400] },
  'get /v1/partners': { url: '/v1/partners', allowed: [200] },
  'get /v1/partners/{idOrSlug}': { url: '/v1/partners/{own}', allowed: [200] },
  'patch /v1/partners/{idOrSlug}': { url: '/v1/partners/{own}', body: { sector: 'circus' }, allowed: [400] },
  'delete /v1/partners/{idOrSlug}': { url: '/v1/partners/bestaat-niet', allowed: [404] },
  'post /v1/partners/import': { url: '/v1/partners/import', allowed: [400] },
  'get /v1/partners/export.csv': { url: '/v1/partners/export.csv', allowed: [200] },
  'get /v1/partners/{idOrSlug}/export': { url: '/v1/partners/{own}/export', allowed: [200] },
  'post /v1/connections': { url: '/v1/connections', body: {}, allowed: [400] },
  'get /v1/connections': { url: '/v1/connections', allowed: [200] },
  'delete /v1/connections/{id}': { url: `/v1/connections/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/partners/{idOrSlug}/suggestions': { url: '/v1/partners/{own}/suggestions', allowed: [200] },
  'post /v1/partners/{idOrSlug}/suggestions/{candidateIdOrSlug}/feedback': {
    url: '/v1/partners/{own}/suggestions/{other}/feedback',
    body: { verdict: 'misschien' },
    allowed: [400],
  },
  // The first allowed caller starts a run; the next may find it unfinished.
  'post /v1/matching/runs': { url: '/v1/matching/runs', allowed: [202, 409] },
  'get /v1/matching/runs': { url: '/v1/matching/runs', allowed: [200] },
  'get /v1/matching/runs/{id}': { url: `/v1/matching/runs/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/matching/profile': { url: '/v1/matching/profile', allowed: [200] },
  'put /v1/matching/profile': { url: '/v1/matching/profile', body: { weights: 'zwaar' }, allowed: [400] },
  'get /v1/matching/profile/versions': { url: '/v1/matching/profile/versions', allowed: [200] },
  'post /v1/matching/profile/suggest': { url: '/v1/matching/profile/suggest', allowed: [422] },
  'get /v1/insights/funnel': { url: '/v1/insights/funnel', allowed: [200] },
  'post /v1/matching/profile/preview': { url: '/v1/matching/profile/preview', body: { weights: 'zwaar' }, allowed: [400] },
  'get /v1/gemeenten/{code}/coalition': { url: '/v1/gemeenten/GM0344/coalition', allowed: [200] },
  'get /v1/gemeenten/{code}/gaps': { url: '/v1/gemeenten/GM0344/gaps', allowed: [200] },
  'get /v1/gemeenten/{code}/gap-closers': { url: '/v1/gemeenten/GM0344/gap-closers', allowed: [200] },
  'get /v1/gaps': { url: '/v1/gaps', allowed: [200] },
  'get /v1/reviews': { url: '/v1/reviews', allowed: [200] },
  'get /v1/reviews/counts': { url: '/v1/reviews/counts', allowed: [200] },
  'get /v1/reviews/{id}': { url: `/v1/reviews/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/matches/{id}': { url: `/v1/matches/${UNKNOWN_UUID}`, allowed: [404] },
  'patch /v1/matches/{id}': { url: `/v1/matches/${UNKNOWN_UUID}`, body: { status: 'approved' }, allowed: [404] },
  'get /v1/matches/{id}/history': { url: `/v1/matches/${UNKNOWN_UUID}/history`, allowed: [404] },
  'post /v1/matches/bulk': { url: '/v1/matches/bulk', body: {}, allowed: [400] },
  'post /v1/api-keys': { url: '/v1/api-keys', body: {}, allowed: [400] },
  'get /v1/api-keys': { url: '/v1/api-keys', allowed: [200] },
  'delete /v1/api-keys/{id}': { url: `/v1/api-keys/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/people': { url: '/v1/people', allowed: [200] },
  'post /v1/people': { url: '/v1/people', body: {}, allowed: [400] },
  'get /v1/people/{id}': { url: `/v1/people/${UNKNOWN_UUID}`, allowed: [404] },
  'patch /v1/people/{id}': { url: `/v1/people/${UNKNOWN_UUID}`, body: { name: 'X' }, allowed: [404] },
  'delete /v1/people/{id}': { url: `/v1/people/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/dev/mailbox': { url: '/v1/dev/mailbox', allowed: [200] },
  'get /v1/dev/mailbox/{id}': { url: `/v1/dev/mailbox/${UNKNOWN_UUID}`, allowed: [404] },
  'get /v1/embed/partners/{slug}/suggestions': { url: '/v1/embed/partners/{own}/suggestions', allowed: [200] },
  'get /v1/partners/{idOrSlug}/introductions': { url: '/v1/partners/{own}/introductions', allowed: [200] },
  'post /v1/partners/{idOrSlug}/erasure-request': { url: '/v1/partners/{own}/erasure-request', body: { reason: 42 }, allowed: [400] },
  'get /v1/partners/{idOrSlug}/erasure-request': { url: '/v1/partners/{own}/erasure-request', allowed: [404] },
  'delete /v1/partners/{idOrSlug}/erasure-request': { url: '/v1/partners/{own}/erasure-request', allowed: [404] },
  'get /v1/erasure-requests': { url: '/v1/erasure-requests', allowed: [200] },
  // A key is no person: only a session signed in by e-mail has preferences here.
  'get /v1/me': { url: '/v1/me', allowed: [404] },
  'patch /v1/me': { url: '/v1/me', body: { wantsDigest: 'ja' }, allowed: [400] },
};

type CallerName = 'admin' | 'team' | 'portal' | 'own partner' | 'other partner' | 'no key' | 'unknown key';
const CALLERS: CallerName[] = ['admin', 'team', 'portal', 'own partner', 'other partner', 'no key', 'unknown key'];

/** What the table in test/support/route-access.ts says a caller gets from a route. */
function expectedStatuses(route: RouteAccess, caller: CallerName): number[] {
  const sample = SAMPLES[`${route.method} ${route.path}`];
  switch (caller) {
    case 'no key':
    case 'unknown key':
      return [401];
    case 'admin':
      return sample.allowed;
    case 'team':
    case 'portal':
      return route.roles.includes(caller) ? sample.allowed : [403];
    case 'own partner':
      return route.roles.includes('partner') ? sample.allowed : [403];
    case 'other partner':
      // Its key belongs to another partner than the one in the path.
      return route.roles.includes('partner') && !route.ownPartner ? sample.allowed : [403];
  }
}

describe('access control: API keys, roles and the role × route matrix', () => {
  let api: TestApp;
  let own: { id: string; slug: string };
  let other: { id: string; slug: string };
  const keys: Record<string, string> = {};

  const createKey = async (body: Record<string, unknown>): Promise<{ id: string; key: string }> => {
    const { body: created } = await api.http().post('/v1/api-keys').send(body).expect(201);
    return created;
  };

  const send = (caller: CallerName, method: string, url: string, body?: unknown) => {
    const agent = caller === 'admin' ? api.http() : caller === 'no key' ? api.as(null) : api.as(keys[caller] ?? 'pm_not-a-key-of-this-installation-123');
    const request = (agent as unknown as Record<string, (url: string) => ReturnType<ReturnType<TestApp['http']>['get']>>)[method](url);
    return body === undefined ? request : request.send(body as object);
  };

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '100000';
    api = await startTestApp('access_control');
    own = (await api.http().post('/v1/partners').send(partnerBody({ name: 'Voedselbank Utrecht' })).expect(201)).body;
    other = (await api.http().post('/v1/partners').send(partnerBody({ name: 'Gemeente Utrecht', sector: 'gemeente' })).expect(201)).body;
    keys.team = (await createKey({ name: 'Alliantieteam', role: 'team' })).key;
    keys.portal = (await createKey({ name: 'Portal', role: 'portal', allowedOrigins: [PORTAL_ORIGIN] })).key;
    keys['own partner'] = (await createKey({ name: 'Voedselbank', role: 'partner', partner: own.slug })).key;
    keys['other partner'] = (await createKey({ name: 'Gemeente', role: 'partner', partner: other.id })).key;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });

  it('has a sample request for every protected route', () => {
    expect(PROTECTED_ROUTES.map((route) => `${route.method} ${route.path}`).filter((route) => !SAMPLES[route])).toEqual([]);
  });

  describe.each(PROTECTED_ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', (_name, route) => {
    it.each(CALLERS)('answers %s as the table says', async (caller) => {
      const sample = SAMPLES[`${route.method} ${route.path}`];
      const url = sample.url.replace('{own}', own.slug).replace('{other}', other.slug);
      const response = await send(caller, route.method, url, sample.body);
      expect(expectedStatuses(route, caller)).toContain(response.status);
      if (response.status === 401 || response.status === 403) {
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body).toMatchObject({ status: response.status, detail: expect.any(String) });
      }
      if (response.status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
    });
  });

  it('shows a key once: the list and the database hold only its prefix and hash', async () => {
    const created = await createKey({ name: 'Eenmalig', role: 'team' });
    expect(created.key).toMatch(/^pm_[\w-]{32}$/);
    const { body } = await api.http().get('/v1/api-keys').expect(200);
    expect(JSON.stringify(body)).not.toContain(created.key);
    expect(body.items.find((key: { id: string }) => key.id === created.id)).toMatchObject({ name: 'Eenmalig', role: 'team', keyPrefix: created.key.slice(0, 7) });
    const stored = await api.app.get(DataSource).query(`SELECT * FROM api_key WHERE id = $1`, [created.id]);
    expect(JSON.stringify(stored)).not.toContain(created.key);
  });

  it('refuses a deleted key with 401 at once', async () => {
    const created = await createKey({ name: 'Tijdelijk', role: 'team' });
    await api.as(created.key).get('/v1/partners').expect(200);
    await api.http().delete(`/v1/api-keys/${created.id}`).expect(204);
    await api.as(created.key).get('/v1/partners').expect(401);
  });

  it('validates new keys, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', role: 'team' }, 'name'],
      [{ name: 'Zonder rol' }, 'role'],
      [{ name: 'Onbekende rol', role: 'superuser' }, 'role'],
      [{ name: 'Partner zonder partner', role: 'partner' }, 'partner'],
      [{ name: 'Team met partner', role: 'team', partner: own.slug }, 'partner'],
      [{ name: 'Team met partnerId', role: 'team', partnerId: own.id }, 'partnerId'],
      [{ name: 'Twee partners', role: 'partner', partner: own.slug, partnerId: other.id }, 'partnerId'],
      [{ name: 'Team met origins', role: 'team', allowedOrigins: [PORTAL_ORIGIN] }, 'allowedOrigins'],
      [{ name: 'Portal met pad', role: 'portal', allowedOrigins: ['https://example.org/pagina'] }, 'allowedOrigins'],
    ];
    const before = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM api_key`);
    for (const [body, field] of cases) {
      const { body: problem } = await api.http().post('/v1/api-keys').send(body).expect(400);
      expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    await api.http().post('/v1/api-keys').send({ name: 'Partner onbekend', role: 'partner', partner: 'bestaat-niet' }).expect(404);
    expect(await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM api_key`)).toEqual(before);
  });

  it('takes the partner of a partner key as `partner` or as `partnerId`, the name the answer gives it', async () => {
    const bySlug = (await api.http().post('/v1/api-keys').send({ name: 'Met partner', role: 'partner', partner: own.slug }).expect(201)).body;
    const byId = (await api.http().post('/v1/api-keys').send({ name: 'Met partnerId', role: 'partner', partnerId: own.id }).expect(201)).body;
    const bySlugAsPartnerId = (await api.http().post('/v1/api-keys').send({ name: 'Met partnerId als slug', role: 'partner', partnerId: own.slug }).expect(201)).body;
    expect([bySlug.partnerId, byId.partnerId, bySlugAsPartnerId.partnerId]).toEqual([own.id, own.id, own.id]);
    const { body: problem } = await api.http().post('/v1/api-keys').send({ name: 'Onbekend', role: 'partner', partnerId: 'bestaat-niet' }).expect(404);
    expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(['partnerId']);
  });

  it('lets a partner key change its own profile and nobody else’s', async () => {
    const ownKey = keys['own partner'];
    await api.as(ownKey).patch(`/v1/partners/${own.id}`).send({ description: 'Nieuwe omschrijving' }).expect(200);
    await api.as(ownKey).patch(`/v1/partners/${other.slug}`).send({ description: 'Overgenomen' }).expect(403);
    await api.as(ownKey).get(`/v1/partners/${other.id}`).expect(403);
    const { body: untouched } = await api.http().get(`/v1/partners/${other.id}`).expect(200);
    expect(untouched.description).not.toBe('Overgenomen');
  });

  it('gives a partner key the partner view of its suggestions only', async () => {
    await api.as(keys['own partner']).get(`/v1/partners/${own.slug}/suggestions?view=partner`).expect(200);
    const { body } = await api.as(keys['own partner']).get(`/v1/partners/${own.slug}/suggestions?view=team`).expect(403);
    expect(body.detail).toContain('view=partner');
    await api.as(keys.team).get(`/v1/partners/${own.slug}/suggestions?view=team`).expect(200);
  });

  it('refuses a malformed Authorization header with 401 saying what it must be', async () => {
    const { body } = await api.as(null).get('/v1/partners').set('authorization', 'Basic abc').expect(401);
    expect(body.detail).toContain('Bearer');
  });

  it('keeps the probes, the metrics and the API description open', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs-json']) await api.as(null).get(path).expect(200);
  });

  describe('CORS on the embed routes', () => {
    const embedPath = () => `/v1/embed/partners/${own.slug}/suggestions`;

    it('allows the origins registered on the portal key it is called with, and only those', async () => {
      const allowed = await api.as(keys.portal).get(embedPath()).set('origin', PORTAL_ORIGIN).expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL_ORIGIN);
      expect(allowed.headers.vary).toMatch(/origin/i);
      const stranger = await api.as(keys.portal).get(embedPath()).set('origin', 'https://elders.example').expect(200);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
      const team = await api.as(keys.team).get(embedPath()).set('origin', PORTAL_ORIGIN).expect(200);
      expect(team.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers a preflight for a registered origin, with the Authorization header allowed, and no other', async () => {
      const preflight = (origin: string) =>
        api.as(null).options(embedPath()).set('origin', origin).set('access-control-request-method', 'GET').set('access-control-request-headers', 'authorization');
      const allowed = await preflight(PORTAL_ORIGIN).expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL_ORIGIN);
      expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);
      const refused = await preflight('https://elders.example').expect(204);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sends no CORS headers on other routes', async () => {
      const response = await api.as(keys.team).get('/v1/partners').set('origin', PORTAL_ORIGIN).expect(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('rate limit per key', () => {
  let api: TestApp;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '5';
    api = await startTestApp('rate_limit');
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });

  it('answers 429 with Retry-After once a key has used its minute, while other keys go on', async () => {
    // The bootstrap key spends one request here creating the second key.
    const { body: second } = await api.http().post('/v1/api-keys').send({ name: 'Tweede', role: 'team' }).expect(201);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.http().get('/v1/taxonomy/sectors')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await api.http().get('/v1/taxonomy/sectors').expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.detail).toBe('This API key made more than 5 requests in a minute; Retry-After says when to go on');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await api.as(second.key).get('/v1/taxonomy/sectors').expect(200);
    expect(other.headers['x-ratelimit-limit']).toBe('5');
    await api.as(null).get('/health/live').expect(200);
  });
});
