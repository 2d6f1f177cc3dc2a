import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { TEST_ADMIN_API_KEY } from './support/api-keys';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** The console's own site in these requests (Host), and one that is not. */
const HOST = 'console.partnermatch.test';
const SITE = `http://${HOST}`;
const OTHER_SITE = 'https://evil.example';
const CONSOLE = { 'x-partnermatch-console': '1' };

jest.setTimeout(60_000);

describe('console sessions: sign-in with a key, cookie, CSRF, idle timeout, sign-out (PostgreSQL)', () => {
  let api: TestApp;
  let db: Client;
  const keys: Record<'team' | 'partner' | 'portal', { id: string; key: string }> = {} as never;
  let matchIds: string[];

  const createKey = async (body: Record<string, unknown>) => (await api.http().post('/v1/api-keys').send(body).expect(201)).body as { id: string; key: string };

  /** A request from a browser on the console's site, without a bearer key. */
  const browser = () => ({
    get: (url: string) => api.as(null).get(url).set('host', HOST),
    post: (url: string) => api.as(null).post(url).set('host', HOST),
    patch: (url: string) => api.as(null).patch(url).set('host', HOST),
    delete: (url: string) => api.as(null).delete(url).set('host', HOST),
  });

  const signIn = async (key: string): Promise<{ cookie: string; response: Response }> => {
    const response = await browser().post('/v1/auth/session').set('origin', SITE).send({ key }).expect(201);
    const setCookie = sessionSetCookie(response);
    return { cookie: setCookie.split(';')[0], response };
  };

  const lastSeen = async (cookie: string): Promise<Date | undefined> =>
    (await db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM console_session WHERE token_hash = $1', [tokenHash(cookie)])).rows[0]?.last_seen_at;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '100000';
    api = await startTestApp('console_session');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    const partners = [];
    for (const fixture of UTRECHT_PARTNERS.slice(0, 4)) partners.push(await createPartner(api, partnerBody(fixture)));
    await completeFullRun(api);
    matchIds = (await api.http().get('/v1/reviews?limit=10').expect(200)).body.items.map((item: { id: string }) => item.id);
    keys.team = await createKey({ name: 'Sardes – Anna', role: 'team' });
    keys.partner = await createKey({ name: 'Voedselbank', role: 'partner', partner: partners[0].slug });
    keys.portal = await createKey({ name: 'Portal', role: 'portal', allowedOrigins: ['https://www.kinderarmoede.example'] });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });

  it('exchanges a team key for an HttpOnly, SameSite=Lax cookie (not Secure on plain http) and stores only its hash', async () => {
    const { cookie, response } = await signIn(keys.team.key);
    expect(response.body).toEqual({ role: 'team', name: 'Sardes – Anna', partner: null, expiresAt: expect.any(String) });
    const hoursLeft = (Date.parse(response.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(7.9);
    expect(hoursLeft).toBeLessThanOrEqual(8);
    const attributes = attributesOf(sessionSetCookie(response));
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(attributes).not.toContain('secure');
    const token = cookie.split('=')[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const rows = (await db.query('SELECT * FROM console_session WHERE token_hash = $1', [tokenHash(cookie)])).rows;
    expect(rows).toEqual([expect.objectContaining({ owner_kind: 'api_key', api_key_id: keys.team.id })]);
    expect(JSON.stringify((await db.query('SELECT * FROM console_session')).rows)).not.toContain(token);
  });

  it('sets Secure when the browser came over https (a proxy says X-Forwarded-Proto: https)', async () => {
    const response = await browser().post('/v1/auth/session').set('x-forwarded-proto', 'https').set('origin', `https://${HOST}`).send({ key: keys.team.key }).expect(201);
    expect(attributesOf(sessionSetCookie(response))).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax']));
  });

  it('answers the session of the cookie, and 401 without one', async () => {
    const { cookie } = await signIn(keys.team.key);
    const { body } = await browser().get('/v1/auth/session').set('cookie', cookie).expect(200);
    expect(body).toMatchObject({ role: 'team', name: 'Sardes – Anna' });
    const none = await browser().get('/v1/auth/session').expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    await browser().get('/v1/auth/session').set('cookie', 'pm_session=not-a-session').expect(401);
  });

  it('lets the cookie call the routes of its role, and no others', async () => {
    const { cookie } = await signIn(keys.team.key);
    await browser().get('/v1/reviews').set('cookie', cookie).expect(200);
    await browser().get('/v1/api-keys').set('cookie', cookie).expect(403);
    await browser().get('/v1/reviews').expect(401);
  });

  it('refuses partner and portal keys (403), unknown keys (401) and a missing or blank key (400 naming key)', async () => {
    for (const key of [keys.partner.key, keys.portal.key]) {
      const refused = await browser().post('/v1/auth/session').send({ key }).expect(403);
      expect(refused.body.detail).toMatch(/The console is for the team: a (partner|portal) key cannot sign in here/);
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    await browser().post('/v1/auth/session').send({ key: 'pm_not-a-key-of-this-installation-123' }).expect(401);
    for (const body of [{}, { key: '   ' }, { key: 42 }]) {
      const invalid = await browser().post('/v1/auth/session').send(body).expect(400);
      expect(invalid.body.errors[0].field).toBe('key');
    }
  });

  it('signs the bootstrap admin key in as "admin"', async () => {
    const { response } = await signIn(TEST_ADMIN_API_KEY);
    expect(response.body).toMatchObject({ role: 'admin', name: 'admin' });
  });

  it('refuses a change with the cookie unless it carries the console header and comes from this site (CSRF)', async () => {
    const { cookie } = await signIn(keys.team.key);
    const [match] = matchIds;
    const decide = () => browser().patch(`/v1/matches/${match}`).set('cookie', cookie);
    const refusals = [
      await decide().set('origin', SITE).send({ status: 'approved' }),
      await decide().set(CONSOLE).set('origin', OTHER_SITE).send({ status: 'approved' }),
      await decide().set(CONSOLE).set('origin', 'null').send({ status: 'approved' }),
      await decide().set(CONSOLE).set('referer', `${OTHER_SITE}/console/review`).send({ status: 'approved' }),
      await decide().set(CONSOLE).send({ status: 'approved' }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body.type).toBe('/problems/csrf-rejected');
    }
    expect((await api.http().get(`/v1/matches/${match}`).expect(200)).body.status).toBe('pending');

    await decide().set(CONSOLE).set('referer', `${SITE}/console/review`).send({ status: 'approved' }).expect(200);
    await browser().patch(`/v1/matches/${match}`).set('cookie', cookie).set(CONSOLE).set('origin', SITE).send({ status: 'pending' }).expect(200);
  });

  it('refuses a cross-site HTML form POST that carries the cookie', async () => {
    const { cookie } = await signIn(keys.team.key);
    const before = (await db.query('SELECT count(*)::int AS n FROM match_event')).rows[0].n;
    const form = await browser()
      .post('/v1/matches/bulk')
      .set('cookie', cookie)
      .set('origin', OTHER_SITE)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(`ids=${matchIds[1]}&status=approved`);
    expect(form.status).toBe(403);
    expect(form.body.type).toBe('/problems/csrf-rejected');
    // The same form aimed at the sign-in (a login CSRF) is refused too.
    await browser().post('/v1/auth/session').set('origin', OTHER_SITE).set('content-type', 'application/x-www-form-urlencoded').send(`key=${keys.team.key}`).expect(403);
    expect((await db.query('SELECT count(*)::int AS n FROM match_event')).rows[0].n).toBe(before);
  });

  it('needs no CSRF proof from a bearer key, even with a cookie beside it', async () => {
    const { cookie } = await signIn(keys.team.key);
    await api.as(keys.team.key).patch(`/v1/matches/${matchIds[2]}`).set('cookie', cookie).send({ status: 'approved' }).expect(200);
  });

  it("records the session's key name as who decided", async () => {
    const { cookie } = await signIn(keys.team.key);
    const match = matchIds[3];
    await browser().patch(`/v1/matches/${match}`).set('cookie', cookie).set(CONSOLE).set('origin', SITE).send({ status: 'rejected', note: 'Te ver weg' }).expect(200);
    await browser().post('/v1/matches/bulk').set('cookie', cookie).set(CONSOLE).set('origin', SITE).send({ ids: [match], status: 'pending' }).expect(200);
    const history = (await api.http().get(`/v1/matches/${match}/history`).expect(200)).body.items;
    expect(history.map((event: { actor: string }) => event.actor)).toEqual(['Sardes – Anna', 'Sardes – Anna']);
  });

  it('ends the session server-side at sign-out: the old cookie is refused afterwards', async () => {
    const { cookie } = await signIn(keys.team.key);
    await browser().delete('/v1/auth/session').set('cookie', cookie).expect(403);
    const out = await browser().delete('/v1/auth/session').set('cookie', cookie).set(CONSOLE).set('origin', SITE).expect(204);
    expect(sessionSetCookie(out)).toMatch(/^pm_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect(await lastSeen(cookie)).toBeUndefined();
    await browser().get('/v1/auth/session').set('cookie', cookie).expect(401);
    const refused = await browser().get('/v1/reviews').set('cookie', cookie).expect(401);
    expect(refused.body.detail).toContain('session has ended');
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES (8 h), and slides it with each request', async () => {
    const { cookie } = await signIn(keys.team.key);
    await db.query(`UPDATE console_session SET last_seen_at = now() - interval '479 minutes' WHERE token_hash = $1`, [tokenHash(cookie)]);
    await browser().get('/v1/reviews').set('cookie', cookie).expect(200);
    expect(Date.now() - (await lastSeen(cookie))!.getTime()).toBeLessThan(60_000);

    await db.query(`UPDATE console_session SET last_seen_at = now() - interval '481 minutes' WHERE token_hash = $1`, [tokenHash(cookie)]);
    await browser().get('/v1/reviews').set('cookie', cookie).expect(401);
    await browser().get('/v1/auth/session').set('cookie', cookie).expect(401);
  });

  it('ends a session at its absolute end, however active', async () => {
    const { cookie } = await signIn(keys.team.key);
    await db.query(`UPDATE console_session SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [tokenHash(cookie)]);
    await browser().get('/v1/reviews').set('cookie', cookie).expect(401);
  });

  it('ends the sessions of a deleted API key', async () => {
    const doomed = await createKey({ name: 'Tijdelijk', role: 'team' });
    const first = await signIn(doomed.key);
    const second = await signIn(doomed.key);
    await browser().get('/v1/reviews').set('cookie', first.cookie).expect(200);
    await api.http().delete(`/v1/api-keys/${doomed.id}`).expect(204);
    for (const { cookie } of [first, second]) {
      await browser().get('/v1/reviews').set('cookie', cookie).expect(401);
      expect(await lastSeen(cookie)).toBeUndefined();
    }
  });
});

function sessionSetCookie(response: Response): string {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((line) => line.startsWith('pm_session='));
  if (!cookie) throw new Error(`no pm_session cookie in ${JSON.stringify(header)}`);
  return cookie;
}

function attributesOf(setCookie: string): string[] {
  return setCookie.split(';').slice(1).map((part) => part.trim().toLowerCase());
}

function tokenHash(cookie: string): string {
  return createHash('sha256').update(cookie.slice('pm_session='.length), 'utf8').digest('hex');
}
