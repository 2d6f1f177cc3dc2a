import request from 'supertest';
import { MailTokens } from '@app/mail';
import { completeFullRun } from './support/full-run';
import { eventually } from './support/eventually';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** The routes the partner pages of the console need, called with a partner contact's session cookie. */
describe('partner pages API: introductions, erasure requests, own mail preferences, people in the export (PostgreSQL, no SMTP_URL)', () => {
  let api: TestApp;
  let cookie: string;
  let voedselbankId: string;

  const open = () => request(api.app.getHttpServer());
  /** Signs a contact in as the console would: a link from the dev mailbox, its token posted. */
  const signInAs = async (email: string): Promise<string> => {
    await open().post('/v1/auth/sign-in-link').send({ email }).expect(202);
    const mails = await eventually(
      async () => (await api.http().get('/v1/dev/mailbox').expect(200)).body.items.filter((mail: { to: string; kind: string }) => mail.kind === 'sign-in-link' && mail.to.includes(email)),
      (found) => found.length > 0,
    );
    const mail = (await api.http().get(`/v1/dev/mailbox/${mails[0].id}`).expect(200)).body;
    const token = /\/console\/sign-in\/link\?token=([\w-]+)/.exec(mail.text)![1];
    const session = await open().post('/v1/auth/session').send({ token }).expect(201);
    return (session.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  };
  /** A request with the cookie, as the console sends it (its header and this site's origin). */
  const asPartner = () => ({
    get: (path: string) => open().get(path).set('cookie', cookie),
    send: (method: 'post' | 'patch' | 'delete', path: string) => open()[method](path).set('cookie', cookie).set('x-partnermatch-console', '1').set('host', 'partnermatch.test').set('origin', 'http://partnermatch.test'),
  });
  const pairOf = async (first: string, second: string): Promise<string> => {
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items;
    return reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].sort().join() === [first, second].sort().join()).id;
  };

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    api = await startTestApp('partner_pages');
    voedselbankId = (await createPartner(api, partnerBody({ name: 'Voedselbank Utrecht', contactEmail: 'info@voedselbank-utrecht.example.org' }))).id;
    await createPartner(api, partnerBody({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie', 'bereik-gezinnen'], needs: ['voedsel'], contactEmail: 'directie@regenboog.example.org' }));
    await createPartner(api, partnerBody({ name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'], contactEmail: 'armoede@utrecht.example.org' }));
    await completeFullRun(api);
    cookie = await signInAs('info@voedselbank-utrecht.example.org');
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('lists a partner\'s introductions with the other side\'s contacts, the team\'s note and the follow-up answers in the asked language', async () => {
    expect((await asPartner().get('/v1/partners/voedselbank-utrecht/introductions').expect(200)).body.items).toEqual([]);
    const matchId = await pairOf('voedselbank-utrecht', 'obs-de-regenboog-utrecht');
    await api.http().patch(`/v1/matches/${matchId}`).send({ status: 'approved' }).expect(200);
    await api.http().patch(`/v1/matches/${matchId}`).send({ status: 'introduced', note: 'Samen een schoolontbijt?' }).expect(200);
    const school = (await api.http().get('/v1/people?partner=obs-de-regenboog-utrecht').expect(200)).body.items[0];
    const token = api.app.get(MailTokens).sign({ purpose: 'outcome', personId: school.id, matchId, answer: 'talked' });
    await open().post(`/v1/mail/outcome?token=${encodeURIComponent(token)}`).type('form').send('').expect(200);

    const [introduction] = (await asPartner().get('/v1/partners/voedselbank-utrecht/introductions?lang=en').expect(200)).body.items;
    expect(introduction).toMatchObject({
      id: matchId,
      status: 'introduced',
      note: 'Samen een schoolontbijt?',
      other: { slug: 'obs-de-regenboog-utrecht', contactEmail: 'directie@regenboog.example.org' },
      contacts: [{ email: 'directie@regenboog.example.org' }],
      outcomes: [{ answer: 'talked', label: 'We talked', by: expect.stringContaining('directie@regenboog.example.org') }],
      reports: [],
    });
    expect((await asPartner().get('/v1/partners/voedselbank-utrecht/introductions?lang=fr').expect(400)).body.errors[0].field).toBe('lang');
  });

  it('refuses another partner\'s pages to a partner contact', async () => {
    await asPartner().get('/v1/partners/gemeente-utrecht/introductions').expect(403);
    await asPartner().get('/v1/partners/gemeente-utrecht/export').expect(403);
    await asPartner().send('post', '/v1/partners/gemeente-utrecht/erasure-request').send({}).expect(403);
    await asPartner().get('/v1/erasure-requests').expect(403);
  });

  it('takes an erasure request from the partner, shows it to admins, and erasing the partner confirms it', async () => {
    await asPartner().get('/v1/partners/voedselbank-utrecht/erasure-request').expect(404);
    expect((await asPartner().send('post', '/v1/partners/voedselbank-utrecht/erasure-request').send({ reason: 42 }).expect(400)).body.errors[0].field).toBe('reason');
    const asked = await asPartner().send('post', '/v1/partners/voedselbank-utrecht/erasure-request').send({ reason: 'We stoppen' }).expect(202);
    expect(asked.body).toMatchObject({ partner: { slug: 'voedselbank-utrecht' }, reason: 'We stoppen', requestedBy: expect.stringContaining('info@voedselbank-utrecht.example.org') });
    expect((await asPartner().get('/v1/partners/voedselbank-utrecht/erasure-request').expect(200)).body.reason).toBe('We stoppen');
    expect((await api.http().get('/v1/erasure-requests').expect(200)).body.items).toEqual([expect.objectContaining({ partner: expect.objectContaining({ id: voedselbankId }) })]);
    // Declining keeps the partner; a second decline finds nothing.
    await api.http().delete('/v1/partners/voedselbank-utrecht/erasure-request').expect(204);
    await api.http().delete('/v1/partners/voedselbank-utrecht/erasure-request').expect(404);
    await api.http().get('/v1/partners/voedselbank-utrecht').expect(200);
  });

  it('lets a person read and change its own mail preferences and language, and nothing else', async () => {
    const me = (await asPartner().get('/v1/me').expect(200)).body;
    expect(me).toMatchObject({ email: 'info@voedselbank-utrecht.example.org', role: 'partner', partner: { slug: 'voedselbank-utrecht' }, wantsDigest: true, wantsFollowUps: true });
    const changed = (await asPartner().send('patch', '/v1/me').send({ wantsDigest: false, language: 'en' }).expect(200)).body;
    expect(changed).toMatchObject({ wantsDigest: false, wantsFollowUps: true, language: 'en' });
    expect((await api.http().get(`/v1/people/${me.id}`).expect(200)).body.wantsDigest).toBe(false);
    expect((await asPartner().send('patch', '/v1/me').send({ role: 'admin' }).expect(400)).body.errors[0].field).toBe('role');
    expect((await asPartner().send('patch', '/v1/me').send({ wantsDigest: 'ja' }).expect(400)).body.errors[0].field).toBe('wantsDigest');
    expect((await api.http().get(`/v1/people/${me.id}`).expect(200)).body.role).toBe('partner');
    // An API key is no person: it has no preferences here.
    await api.http().get('/v1/me').expect(404);
  });

  it('lists the partner\'s contact persons in its own export and the team\'s', async () => {
    const own = (await asPartner().get('/v1/partners/voedselbank-utrecht/export').expect(200)).body;
    expect(own.view).toBe('partner');
    expect(own.people).toEqual([expect.objectContaining({ email: 'info@voedselbank-utrecht.example.org', role: 'partner', wantsDigest: false })]);
    const team = (await api.http().get('/v1/partners/voedselbank-utrecht/export').expect(200)).body;
    expect(team.people.map((person: { email: string }) => person.email)).toEqual(['info@voedselbank-utrecht.example.org']);
  });

  it('erases the partner on an admin\'s confirmation, and its request with it', async () => {
    await asPartner().send('post', '/v1/partners/voedselbank-utrecht/erasure-request').send({}).expect(202);
    await api.http().delete(`/v1/partners/${voedselbankId}?erase=true`).expect(204);
    expect((await api.http().get('/v1/erasure-requests').expect(200)).body.items).toEqual([]);
  });
});
