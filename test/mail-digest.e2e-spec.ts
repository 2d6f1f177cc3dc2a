import type { MailSchedulesService as Schedules, MailTokens as Tokens } from '@app/mail';
import { Client } from 'pg';
import request from 'supertest';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody, UTRECHT_MAIL_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

const MAIL_ENV = ['DIGEST_CRON', 'FOLLOW_UP_DAYS', 'FOLLOW_UP_LONG_DAYS', 'SMTP_URL'];

interface Stored {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
}

describe('digest and follow-ups, read from the dev mailbox of a service without SMTP (PostgreSQL, in-process queue)', () => {
  let api: TestApp;
  let db: Client;
  let schedules: Schedules;
  let tokens: Tokens;

  const mailbox = async (kind: string, to?: string): Promise<Stored[]> => {
    const list = (await api.http().get('/v1/dev/mailbox?limit=500').expect(200)).body.items.filter(
      (item: Stored) => item.kind === kind && (!to || item.to.includes(to)),
    );
    return Promise.all(list.map(async (item: Stored) => (await api.http().get(`/v1/dev/mailbox/${item.id}`).expect(200)).body));
  };
  const pairOf = async (first: string, second: string): Promise<string> => {
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items;
    return reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].sort().join() === [first, second].sort().join()).id;
  };
  const decide = (id: string, status: string) => api.http().patch(`/v1/matches/${id}`).send({ status }).expect(200);
  const linkAfter = (text: string, label: string): string => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${label}: `) || candidate.startsWith(`- ${label}: `))!;
    return line.slice(line.indexOf('http'));
  };
  const pathOf = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };
  const open = () => request(api.app.getHttpServer());
  const history = async (matchId: string) => (await api.http().get(`/v1/matches/${matchId}/history`).expect(200)).body.items;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    process.env.DIGEST_CRON = '0 8 1 * *';
    process.env.FOLLOW_UP_DAYS = '0.00001'; // 0.9 s
    process.env.FOLLOW_UP_LONG_DAYS = '0.00003'; // 2.6 s
    api = await startTestApp('mail_digest');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    const mail = require('@app/mail') as typeof import('@app/mail');
    schedules = api.app.get(mail.MailSchedulesService);
    tokens = api.app.get(mail.MailTokens);
    for (const partner of UTRECHT_MAIL_PARTNERS) await createPartner(api, partnerBody(partner));
    await completeFullRun(api);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    for (const name of MAIL_ENV) delete process.env[name];
  });

  it('sends one digest with both approved pairs, then nothing on a second run or in the next period', async () => {
    await decide(await pairOf('voedselbank-utrecht', 'obs-de-regenboog-utrecht'), 'approved');
    await decide(await pairOf('voedselbank-utrecht', 'buurtsuper-het-hoekje-utrecht'), 'approved');
    // The period under way when the service started is not sent; the next one is.
    await schedules.tick();
    expect(await mailbox('digest')).toHaveLength(0);
    const nextMonth = new Date(Date.now() + 35 * 24 * 3600 * 1000);
    await schedules.tick(nextMonth);
    const [digest, ...more] = await mailbox('digest', 'info@voedselbank-utrecht.example.org');
    expect(more).toHaveLength(0);
    expect(digest.subject).toBe('Nieuwe mogelijke partners voor Voedselbank Utrecht');
    expect(digest.text).toContain('OBS De Regenboog Utrecht');
    expect(digest.text).toContain('Buurtsuper Het Hoekje Utrecht');
    expect(digest.text.match(/Niet voor ons: http/g)).toHaveLength(2);
    expect((await mailbox('digest', 'armoede@utrecht.example.org'))).toHaveLength(0); // nothing approved for the gemeente
    const before = (await mailbox('digest')).length;

    await schedules.tick(nextMonth);
    await schedules.tick(new Date(nextMonth.getTime() + 35 * 24 * 3600 * 1000));
    expect(await mailbox('digest')).toHaveLength(before);
    expect((await db.query(`SELECT count(*)::int AS n FROM mail_digest WHERE person_id = (SELECT id FROM person WHERE email = 'info@voedselbank-utrecht.example.org')`)).rows[0].n).toBe(2);
  });

  it('records a one-click "niet voor ons" from the digest: the candidate leaves the list, the history names the person; tampered and expired tokens change nothing', async () => {
    const [digest] = await mailbox('digest', 'info@voedselbank-utrecht.example.org');
    const block = digest.text.split('\n\n').find((part) => part.startsWith('OBS De Regenboog Utrecht'))!;
    const notForUs = linkAfter(block, 'Niet voor ons');
    const partnerList = async () =>
      (await api.http().get('/v1/partners/voedselbank-utrecht/suggestions').expect(200)).body.items.map((item: { candidate: { slug: string } }) => item.candidate.slug);
    expect(await partnerList()).toContain('obs-de-regenboog-utrecht');

    const tampered = pathOf(notForUs).replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    expect((await open().post(tampered).set('accept', 'text/html').type('form').send('').expect(400)).text).toContain('Deze link werkt niet');
    expect((await open().post(tampered).type('form').send('').expect(400)).body.errors[0].field).toBe('token');
    const [person] = (await db.query(`SELECT id, partner_id FROM person WHERE email = 'info@voedselbank-utrecht.example.org'`)).rows;
    const [school] = (await db.query(`SELECT id FROM partner WHERE slug = 'obs-de-regenboog-utrecht'`)).rows;
    const expired = tokens.sign({ purpose: 'feedback', personId: person.id, partnerId: person.partner_id, candidateId: school.id, verdict: 'not-relevant' }, -1);
    expect((await open().post(`/v1/mail/feedback?token=${expired}`).set('accept', 'text/html').type('form').send('').expect(400)).text).toContain('Deze link werkt niet');
    const page = await open().get(pathOf(notForUs)).expect(200);
    expect(page.text).toContain('<form method="post"');
    expect(await partnerList()).toContain('obs-de-regenboog-utrecht');
    expect((await db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n).toBe(0);

    expect((await open().post(pathOf(notForUs)).type('form').send('').expect(200)).text).toContain('Vastgelegd: Niet voor ons');
    expect(await partnerList()).not.toContain('obs-de-regenboog-utrecht');
    const [match] = (await db.query(`SELECT id FROM match WHERE purpose = 'samenwerken' AND $1 IN (partner_a_id, partner_b_id) AND $2 IN (partner_a_id, partner_b_id)`, [person.partner_id, school.id])).rows;
    const events = await history(match.id);
    expect(events).toContainEqual(expect.objectContaining({ actor: 'Voedselbank Utrecht <info@voedselbank-utrecht.example.org>', note: expect.stringContaining('Niet voor ons') }));
  });

  it('asks both sides after FOLLOW_UP_DAYS; "we work together" makes the pair collaborate, then the long follow-up asks what came of it', async () => {
    const matchId = await pairOf('buurtsuper-het-hoekje-utrecht', 'gemeente-utrecht');
    await decide(matchId, 'approved');
    await decide(matchId, 'introduced');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await schedules.tick();
    const [toShop] = await mailbox('follow-up', 'winkel@hoekje.example.org');
    expect(await mailbox('follow-up', 'armoede@utrecht.example.org')).toHaveLength(1);
    expect(toShop.subject).toBe('Heeft de kennismaking met Gemeente Utrecht iets opgeleverd?');
    await schedules.tick();
    expect(await mailbox('follow-up')).toHaveLength(2);

    await open().post(pathOf(linkAfter(toShop.text, 'We hebben gesproken'))).type('form').send('').expect(200);
    expect((await api.http().get(`/v1/matches/${matchId}`).expect(200)).body.status).toBe('introduced');
    await open().post(pathOf(linkAfter(toShop.text, 'We werken samen'))).type('form').send('').expect(200);
    expect((await api.http().get(`/v1/matches/${matchId}`).expect(200)).body.status).toBe('collaborating');
    const connections = (await api.http().get('/v1/connections?limit=100').expect(200)).body.items;
    expect(connections.some((connection: { partnerA: { slug: string }; partnerB: { slug: string } }) => [connection.partnerA.slug, connection.partnerB.slug].sort().join() === 'buurtsuper-het-hoekje-utrecht,gemeente-utrecht')).toBe(true);
    const events = await history(matchId);
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({ actor: 'Buurtsuper Het Hoekje Utrecht <winkel@hoekje.example.org>', from: 'introduced', to: 'introduced', note: expect.stringContaining('We hebben gesproken') }),
      expect.objectContaining({ actor: 'Buurtsuper Het Hoekje Utrecht <winkel@hoekje.example.org>', from: 'introduced', to: 'collaborating', note: expect.stringContaining('We werken samen') }),
    ]);

    await new Promise((resolve) => setTimeout(resolve, 2000));
    await schedules.tick();
    const [long] = await mailbox('follow-up-long', 'armoede@utrecht.example.org');
    expect(long.subject).toBe('Wat heeft de samenwerking met Buurtsuper Het Hoekje Utrecht opgeleverd?');
    const form = pathOf(long.text.split('\n').find((line) => line.startsWith('http'))!);
    expect((await open().get(form).expect(200)).text).toContain('name="reached"');
    expect((await open().post(form).type('form').send({ text: ' ', reached: '' }).expect(400)).body.errors[0].field).toBe('text');
    expect((await open().post(form).type('form').send({ text: 'Goed', reached: 'veel' }).expect(400)).body.errors[0].field).toBe('reached');
    await open().post(form).type('form').send({ text: 'Elke week ontbijt op twee scholen', reached: '120' }).expect(200);
    expect((await db.query(`SELECT text, reached FROM collaboration_report`)).rows).toEqual([{ text: 'Elke week ontbijt op twee scholen', reached: 120 }]);
  });

  it('declines the pair on "we gaan niet verder"', async () => {
    const matchId = await pairOf('obs-de-regenboog-utrecht', 'gemeente-utrecht');
    await decide(matchId, 'approved');
    await decide(matchId, 'introduced');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await schedules.tick();
    const [toSchool] = await mailbox('follow-up', 'directie@regenboog.example.org');
    await open().post(pathOf(linkAfter(toSchool.text, 'We gaan niet verder'))).type('form').send('').expect(200);
    expect((await api.http().get(`/v1/matches/${matchId}`).expect(200)).body.status).toBe('declined');
  });

  it('lists a pair approved for kennisdelen as such; its one-click answer is recorded for that purpose only', async () => {
    const queue = (await api.http().get('/v1/reviews?purpose=kennisdelen&limit=500').expect(200)).body.items;
    const item = queue.find((entry: { partnerA: { slug: string }; partnerB: { slug: string } }) => [entry.partnerA.slug, entry.partnerB.slug].includes('voedselbank-utrecht'));
    expect(item).toMatchObject({ purpose: 'kennisdelen' });
    const other = item.partnerA.slug === 'voedselbank-utrecht' ? item.partnerB : item.partnerA;
    await decide(item.id, 'approved');
    await schedules.tick(new Date(Date.now() + 200 * 24 * 3600 * 1000));
    const digests = await mailbox('digest', 'info@voedselbank-utrecht.example.org');
    const latest = digests.find((digest) => digest.text.includes('Om kennis te delen'))!;
    const block = latest.text.split('\n\n').find((part) => part.startsWith(other.name))!;
    expect(block).toContain('Om kennis te delen: van elkaar leren, ook op afstand');
    // The candidate may have a samenwerken answer from an earlier case (which one comes first varies): it stays as it was.
    const answers = async () =>
      (await db.query(`SELECT purpose, verdict FROM feedback WHERE partner_id = (SELECT id FROM partner WHERE slug = 'voedselbank-utrecht') AND candidate_id = $1 ORDER BY purpose`, [other.id])).rows;
    const samenwerkenBefore = (await answers()).filter((row: { purpose: string }) => row.purpose === 'samenwerken');
    await open().post(pathOf(linkAfter(block, 'Interessant'))).type('form').send('').expect(200);
    expect(await answers()).toEqual([{ purpose: 'kennisdelen', verdict: 'interested' }, ...samenwerkenBefore]);
  });
});
