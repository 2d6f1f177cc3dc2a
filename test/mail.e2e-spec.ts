import { Client } from 'pg';
import request from 'supertest';
import { completeFullRun } from './support/full-run';
import { eventually } from './support/eventually';
import { createPartner, partnerBody, UTRECHT_MAIL_PARTNERS } from './support/partner-fixtures';
import { SmtpInbox, type ReceivedMail } from './support/smtp-inbox';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const MAIL_ENV = ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'MAIL_SEND_TIMEOUT_MS'];

describe('mail over a real SMTP server on loopback: sign-in links, introductions, an SMTP outage (PostgreSQL, in-process queue)', () => {
  const inbox = new SmtpInbox();
  let api: TestApp;
  let db: Client;

  const mailTo = (address: string, count = 1): Promise<ReceivedMail[]> =>
    eventually(
      async () => inbox.to(address),
      (mails) => mails.length >= count,
    );
  const tokenIn = (mail: ReceivedMail): string => /\/console\/sign-in\/link\?token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  const signIn = (token: string) => request(api.app.getHttpServer()).post('/v1/auth/session').send({ token });
  const pairOf = async (first: string, second: string): Promise<string> => {
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items;
    const pair = reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].sort().join() === [first, second].sort().join());
    if (!pair) throw new Error(`no pair ${first}–${second} to review`);
    return pair.id;
  };
  const introduce = async (matchId: string, note: string) => {
    await api.http().patch(`/v1/matches/${matchId}`).send({ status: 'approved' }).expect(200);
    await api.http().patch(`/v1/matches/${matchId}`).send({ status: 'introduced', note }).expect(200);
  };
  const outboxOf = async (matchNote: string) =>
    (await db.query(`SELECT message_id, attempts, sent_at, last_error FROM mail_outbox WHERE kind = 'introduction' AND text_body LIKE '%' || $1 || '%'`, [matchNote])).rows;

  beforeAll(async () => {
    await inbox.start();
    process.env.SMTP_URL = inbox.url;
    process.env.MAIL_FROM = 'Alliantie Kinderarmoede <partnermatch@example.org>';
    process.env.PUBLIC_URL = 'https://partnermatch.example.org';
    process.env.MAIL_SEND_TIMEOUT_MS = '2000';
    api = await startTestApp('mail');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    for (const partner of UTRECHT_MAIL_PARTNERS) await createPartner(api, partnerBody(partner));
    await completeFullRun(api);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await inbox.stop();
    for (const name of MAIL_ENV) delete process.env[name];
  });

  it('mails a sign-in link that signs in once, as that person, and never again', async () => {
    await api.http().post('/v1/people').send({ email: 'anna@sardes.example.org', name: 'Anna de Vries', role: 'team' }).expect(201);
    const answer = await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 'Anna@Sardes.example.org' }).expect(202);
    const [mail] = await mailTo('anna@sardes.example.org');
    expect(mail.subject).toBe('Aanmelden bij Partnermatch');
    expect(mail.headers.from).toContain('partnermatch@example.org');
    const token = tokenIn(mail);
    expect(mail.text).toContain(`https://partnermatch.example.org/console/sign-in/link?token=${token}`);
    expect(mail.html).toContain('Aanmelden');
    // Only the token's hash is stored.
    const stored = (await db.query(`SELECT token_hash FROM sign_in_link`)).rows.map((row) => row.token_hash);
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(token);

    const session = await signIn(token).expect(201);
    expect(session.body).toMatchObject({ role: 'team', partner: null, name: 'Anna de Vries <anna@sardes.example.org>' });
    const cookie = session.headers['set-cookie'];
    expect((await request(api.app.getHttpServer()).get('/v1/auth/session').set('cookie', cookie).expect(200)).body.role).toBe('team');
    await request(api.app.getHttpServer()).get('/v1/reviews').set('cookie', cookie).expect(200);

    const again = await signIn(token).expect(401);
    expect(again.body.type).toContain('sign-in-link-invalid');
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(answer.body).toEqual({ message: expect.stringContaining('sign-in link is on its way') });
  });

  it('refuses an expired link and an unknown one with a 401, never a session', async () => {
    await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 'anna@sardes.example.org' }).expect(202);
    const [, mail] = await mailTo('anna@sardes.example.org', 2);
    await db.query(`UPDATE sign_in_link SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const expired = await signIn(tokenIn(mail)).expect(401);
    expect(expired.body.detail).toMatch(/older than 15 minutes/);
    expect(expired.headers['set-cookie']).toBeUndefined();
    await signIn('bestaat-niet-0123456789').expect(401);
    const bad = await signIn('niet een token!').expect(400);
    expect(bad.body.errors[0].field).toBe('token');
  });

  it('answers 202 with the same body for unknown addresses and past the limit, sending at most 3 links per address', async () => {
    await api.http().post('/v1/people').send({ email: 'bob@ncj.example.org', name: 'Bob', role: 'admin' }).expect(201);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 'bob@ncj.example.org' }).expect(202)).body);
    const unknown = (await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 'niemand@example.org' }).expect(202)).body;
    // A malformed address tells as little as an unknown one: the same 202 and body, no mail.
    const malformed = (await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 'geen-adres' }).expect(202)).body;
    expect(new Set([...answers, unknown, malformed].map((body) => JSON.stringify(body))).size).toBe(1);
    // Not a string at all is a broken client, not an address: that one is told which field.
    const notText = await request(api.app.getHttpServer()).post('/v1/auth/sign-in-link').send({ email: 42 }).expect(400);
    expect(notText.body.errors[0].field).toBe('email');
    await eventually(
      async () => (await db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE sent_at IS NULL`)).rows[0].n,
      (unsent) => unsent === 0,
    );
    expect(inbox.to('bob@ncj.example.org')).toHaveLength(3);
    expect(inbox.to('niemand@example.org')).toHaveLength(0);
  });

  it('introduces a pair to both contacts, each in its own language with the reasons from its side, and with one-click unsubscribe', async () => {
    const school = (await api.http().get('/v1/people?partner=obs-de-regenboog-utrecht').expect(200)).body.items[0];
    await api.http().patch(`/v1/people/${school.id}`).send({ language: 'en', name: 'Jan Jansen' }).expect(200);
    await introduce(await pairOf('voedselbank-utrecht', 'obs-de-regenboog-utrecht'), 'Samen een schoolontbijt?');

    const [toFoodBank] = await mailTo('info@voedselbank-utrecht.example.org');
    const [toSchool] = await mailTo('directie@regenboog.example.org');
    expect(toFoodBank.subject).toBe('Kennismaking: OBS De Regenboog Utrecht');
    expect(toFoodBank.text).toContain('Jan Jansen <directie@regenboog.example.org>');
    expect(toFoodBank.text).toContain('Samen een schoolontbijt?');
    expect(toSchool.subject).toBe('Introduction: Voedselbank Utrecht');
    expect(toSchool.text).toContain('info@voedselbank-utrecht.example.org');
    expect(toSchool.text).toContain('Why we think you fit');

    const reasonsOf = async (viewer: string, candidate: string, lang: string): Promise<string[]> => {
      const items = (await api.http().get(`/v1/partners/${viewer}/suggestions?view=team&lang=${lang}&limit=50`).expect(200)).body.items;
      const item = items.find((entry: { candidate: { slug: string } }) => entry.candidate.slug === candidate);
      return item.reasons.map((reason: { text: string }) => reason.text);
    };
    const dutch = await reasonsOf('voedselbank-utrecht', 'obs-de-regenboog-utrecht', 'nl');
    const english = await reasonsOf('obs-de-regenboog-utrecht', 'voedselbank-utrecht', 'en');
    expect(toFoodBank.text).toContain(dutch[0]);
    expect(toSchool.text).toContain(english[0]);
    expect(toSchool.text).not.toContain(dutch[0]);

    for (const mail of [toFoodBank, toSchool]) {
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/partnermatch\.example\.org\/v1\/mail\/unsubscribe\?token=[^>]+>$/);
      expect(mail.html).toContain('/v1/mail/unsubscribe?token'); // handlebars writes the = as &#x3D;
    }
    const stored = (await db.query(`SELECT message_id FROM mail_outbox WHERE kind = 'introduction'`)).rows.map((row) => row.message_id);
    expect(stored.sort()).toEqual([toFoodBank.messageId, toSchool.messageId].sort());

    // One click, as a mail client posts it (RFC 8058); a tampered token changes nothing.
    const oneClick = new URL(toSchool.headers['list-unsubscribe'].slice(1, -1));
    await request(api.app.getHttpServer()).post(`/v1/mail/unsubscribe?token=${oneClick.searchParams.get('token')}x`).type('form').send('List-Unsubscribe=One-Click').expect(400);
    expect((await api.http().get(`/v1/people/${school.id}`).expect(200)).body).toMatchObject({ wantsDigest: true, wantsFollowUps: true });
    const page = await request(api.app.getHttpServer()).get(`${oneClick.pathname}${oneClick.search}`).expect(200);
    expect(page.text).toContain('<form method="post"');
    expect((await api.http().get(`/v1/people/${school.id}`).expect(200)).body.wantsDigest).toBe(true);
    await request(api.app.getHttpServer()).post(`${oneClick.pathname}${oneClick.search}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await api.http().get(`/v1/people/${school.id}`).expect(200)).body).toMatchObject({ wantsDigest: false, wantsFollowUps: false });
  });

  it('keeps the mails of an introduction made while SMTP is down, and sends each exactly once when it is back', async () => {
    await inbox.stop();
    await introduce(await pairOf('buurtsuper-het-hoekje-utrecht', 'gemeente-utrecht'), 'Ontbijt in de wijk');
    const failed = await eventually(
      () => outboxOf('Ontbijt in de wijk'),
      (rows) => rows.length === 2 && rows.every((row) => row.attempts >= 2 && row.last_error && !row.sent_at),
    );
    expect(inbox.to('winkel@hoekje.example.org')).toHaveLength(0);
    await inbox.start();
    await eventually(
      () => outboxOf('Ontbijt in de wijk'),
      (rows) => rows.every((row) => row.sent_at),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a duplicate would arrive within the relay's poll
    const received = inbox.mails.filter((mail) => failed.some((row) => row.message_id === mail.messageId));
    expect(received.map((mail) => mail.to[0]).sort()).toEqual(['armoede@utrecht.example.org', 'winkel@hoekje.example.org']);
  });

  it('serves no dev mailbox when SMTP is configured', async () => {
    await api.http().get('/v1/dev/mailbox').expect(404);
  });
});
