import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, TEST_ADMIN_API_KEY } from './support/api-keys';
import { BUILT_API, freePort, getJson, startBuiltService, type BuiltService } from './support/built-service';
import { eventually } from './support/eventually';

/** Sign-in by e-mail with no mail server: the embedded default keeps the mail and prints the link. */
describe('dev mailbox of the embedded default (built app, PGlite, no SMTP_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnermatch-mailbox-'));
  let service: BuiltService | undefined;

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the sign-in mail for admins, prints the link, and the link signs the partner contact in once', async () => {
    const port = await freePort();
    service = startBuiltService(BUILT_API, { PORT: String(port), DATA_DIR: dataDir, SEED_DEMO_DATA: 'false', ADMIN_API_KEY: TEST_ADMIN_API_KEY });
    await service.waitForOutput('API on', 60_000);
    const base = `http://127.0.0.1:${port}`;
    const json = { ...bearer(), 'content-type': 'application/json' };
    const partner = await fetch(`${base}/v1/partners`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Voedselbank Utrecht', sector: 'maatschappelijke-organisatie', scope: 'local', gemeenten: ['GM0344'], contactEmail: 'info@voedselbank-utrecht.example.org' }),
    });
    expect(partner.status).toBe(201);

    const asked = await fetch(`${base}/v1/auth/sign-in-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'info@voedselbank-utrecht.example.org' }) });
    expect(asked.status).toBe(202);
    await service.waitForOutput(/Sign-in link for info@voedselbank-utrecht\.example\.org.*\/console\/sign-in\/link\?token=/);
    const printed = new RegExp(`http://127\\.0\\.0\\.1:${port}/console/sign-in/link\\?token=([\\w-]+)`).exec(service.output())![1];

    const { body: list } = await eventually(() => getJson(`${base}/v1/dev/mailbox`), (answer) => answer.body.total === 1);
    expect(list.items[0]).toMatchObject({ kind: 'sign-in-link', subject: 'Aanmelden bij Partnermatch', sentAt: null });
    expect((await getJson(`${base}/v1/dev/mailbox`, {})).status).toBe(401);
    const { body: mail } = await getJson(`${base}/v1/dev/mailbox/${list.items[0].id}`);
    expect(mail.text).toContain(`/console/sign-in/link?token=${printed}`);
    expect(mail.html).toContain('Aanmelden');

    const signIn = () => fetch(`${base}/v1/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: printed }) });
    const session = await signIn();
    expect(session.status).toBe(201);
    expect(await session.json()).toMatchObject({ role: 'partner', partner: 'voedselbank-utrecht' });
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(`${base}/v1/partners/voedselbank-utrecht`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/v1/partners`, { headers: { cookie } })).status).toBe(403);
    expect((await signIn()).status).toBe(401);
  }, 120_000);
});
