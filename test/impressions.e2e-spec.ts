import request from 'supertest';
import { Client } from 'pg';
import { DigestService } from '@app/mail';
import { ImpressionRecorder } from '../apps/api/src/impressions/impression-recorder.service';
import { completeFullRun } from './support/full-run';
import { eventually } from './support/eventually';
import { createPartner, partnerBody, UTRECHT_MAIL_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(90_000);

interface Row {
  partner: string;
  candidate: string;
  surface: string;
  rank: number;
  times: number;
}

/** Which candidates partners were shown where, recorded from the real read routes and the digest. */
describe('impressions: console, partner key, portal widget and digest (PostgreSQL)', () => {
  let api: TestApp;
  let db: Client;
  let recorder: ImpressionRecorder;
  let partnerKey: string;
  let portalKey: string;
  let teamKey: string;
  const VOEDSELBANK = 'voedselbank-utrecht';

  const open = () => request(api.app.getHttpServer());
  /** Rows since the last call, summed per partner, candidate, surface and rank (slugs for legibility). */
  const written = async (): Promise<Row[]> => {
    await recorder.flush();
    const { rows } = await db.query<Row>(
      `SELECT p.slug AS partner, c.slug AS candidate, i.surface, i.rank, sum(i.times)::int AS times
         FROM impression i JOIN partner p ON p.id = i.partner_id JOIN partner c ON c.id = i.candidate_id
        GROUP BY 1, 2, 3, 4 ORDER BY 3, 1, 4`,
    );
    await db.query(`DELETE FROM impression`);
    return rows;
  };
  const listOf = async (key: string, path: string) => (await api.as(key).get(path).expect(200)).body.items.map((item: { candidate: { slug: string } }) => item.candidate.slug) as string[];

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    api = await startTestApp('impressions');
    db = new Client({ connectionString: api.database.url });
    await db.connect();
    recorder = api.app.get(ImpressionRecorder);
    for (const partner of UTRECHT_MAIL_PARTNERS) await createPartner(api, partnerBody(partner));
    await completeFullRun(api);
    // The team approves every pair, so each partner view lists the three others.
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items as { id: string }[];
    for (const { id } of reviews) await api.http().patch(`/v1/matches/${id}`).send({ status: 'approved' }).expect(200);
    partnerKey = (await api.http().post('/v1/api-keys').send({ name: 'Voedselbank', role: 'partner', partner: VOEDSELBANK }).expect(201)).body.key;
    portalKey = (await api.http().post('/v1/api-keys').send({ name: 'Portaal', role: 'portal', allowedOrigins: ['https://portaal.example.org'] }).expect(201)).body.key;
    teamKey = (await api.http().post('/v1/api-keys').send({ name: 'Sardes', role: 'team' }).expect(201)).body.key;
    await written();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it("records a partner key's own reads with the rank shown (offset counted), in one write, and no team or admin read", async () => {
    const full = await listOf(partnerKey, `/v1/partners/${VOEDSELBANK}/suggestions?limit=3`);
    expect(full).toHaveLength(3);
    await listOf(partnerKey, `/v1/partners/${VOEDSELBANK}/suggestions?limit=3`);
    const page2 = await listOf(partnerKey, `/v1/partners/${VOEDSELBANK}/suggestions?limit=2&offset=1`);
    expect(page2).toEqual(full.slice(1));
    // The team's and the admin's reads of the same list show the partner nothing.
    await listOf(teamKey, `/v1/partners/${VOEDSELBANK}/suggestions?view=partner&limit=3`);
    await listOf(teamKey, `/v1/partners/${VOEDSELBANK}/suggestions?view=team`);
    await api.http().get(`/v1/partners/${VOEDSELBANK}/suggestions`).expect(200);
    // Nothing is written on the read path: the rows come with the flush.
    expect((await db.query(`SELECT count(*)::int AS n FROM impression`)).rows[0].n).toBe(0);
    expect(await written()).toEqual([
      { partner: VOEDSELBANK, candidate: full[0], surface: 'api', rank: 1, times: 2 },
      { partner: VOEDSELBANK, candidate: full[1], surface: 'api', rank: 2, times: 3 },
      { partner: VOEDSELBANK, candidate: full[2], surface: 'api', rank: 3, times: 3 },
    ]);
  });

  it('records "Voor jou" read with a contact person\'s console session as the console surface', async () => {
    await open().post('/v1/auth/sign-in-link').send({ email: 'directie@regenboog.example.org' }).expect(202);
    const mails = await eventually(
      async () => (await api.http().get('/v1/dev/mailbox').expect(200)).body.items.filter((mail: { to: string; kind: string }) => mail.kind === 'sign-in-link' && mail.to.includes('regenboog')),
      (found) => found.length > 0,
    );
    const mail = (await api.http().get(`/v1/dev/mailbox/${mails[0].id}`).expect(200)).body;
    const token = /\/console\/sign-in\/link\?token=([\w-]+)/.exec(mail.text)![1];
    const session = await open().post('/v1/auth/session').send({ token }).expect(201);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const shown = (await open().get('/v1/partners/obs-de-regenboog-utrecht/suggestions?lang=nl&limit=50').set('cookie', cookie).expect(200)).body.items.map(
      (item: { candidate: { slug: string } }) => item.candidate.slug,
    );
    expect(shown).toHaveLength(3);
    expect(await written()).toEqual(shown.map((candidate: string, index: number) => ({ partner: 'obs-de-regenboog-utrecht', candidate, surface: 'console', rank: index + 1, times: 1 })));
  });

  it("records the portal widget's reads (a 304 too), not the team's preview of them", async () => {
    const path = `/v1/embed/partners/gemeente-utrecht/suggestions?limit=2`;
    const first = await api.as(portalKey).get(path).expect(200);
    await api.as(portalKey).get(path).set('if-none-match', first.headers.etag).expect(304);
    await api.as(teamKey).get(path).expect(200);
    const shown = first.body.items.map((item: { candidate: { slug: string } }) => item.candidate.slug);
    expect(shown).toHaveLength(2);
    expect(await written()).toEqual(shown.map((candidate: string, index: number) => ({ partner: 'gemeente-utrecht', candidate, surface: 'embed', rank: index + 1, times: 2 })));
  });

  it('records what a digest mail lists, in its order, with the mail', async () => {
    expect(await api.app.get(DigestService).run(new Date(Date.now() + 35 * 24 * 3600 * 1000))).toBe(4);
    const rows = await written();
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.surface))).toEqual(new Set(['digest']));
    const hoekje = (await api.http().get('/v1/dev/mailbox?limit=50').expect(200)).body.items.find((item: { kind: string; to: string }) => item.kind === 'digest' && item.to.includes('hoekje'));
    const text: string = (await api.http().get(`/v1/dev/mailbox/${hoekje.id}`).expect(200)).body.text;
    const names = (await api.http().get('/v1/partners?limit=50').expect(200)).body.items as { slug: string; name: string }[];
    const inMail = rows.filter((row) => row.partner === 'buurtsuper-het-hoekje-utrecht').sort((a, b) => a.rank - b.rank);
    const positions = inMail.map((row) => text.indexOf(names.find((partner) => partner.slug === row.candidate)!.name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(inMail.map((row) => row.rank)).toEqual([1, 2, 3]);
  });

  it('keeps impressions of a partner erased before the write out of the batch, and writes the rest', async () => {
    await listOf(partnerKey, `/v1/partners/${VOEDSELBANK}/suggestions?limit=3`);
    const shown = (await api.as(portalKey).get('/v1/embed/partners/gemeente-utrecht/suggestions?limit=3').expect(200)).body.items.map((item: { candidate: { slug: string } }) => item.candidate.slug) as string[];
    expect(shown).toContain(VOEDSELBANK);
    await api.http().delete(`/v1/partners/${VOEDSELBANK}`).expect(204);
    const kept = shown.flatMap((candidate, index) => (candidate === VOEDSELBANK ? [] : [{ partner: 'gemeente-utrecht', candidate, surface: 'embed', rank: index + 1, times: 1 }]));
    expect(await written()).toEqual(kept);
  });
});
