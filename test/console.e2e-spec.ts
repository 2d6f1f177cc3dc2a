import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDemoData } from '@app/demo-data';
import { SeedRepository } from '@app/persistence';
import { DataSource } from 'typeorm';
import { ImpressionRecorder } from '../apps/api/src/impressions/impression-recorder.service';
import nl from '../apps/console/src/i18n/nl.json';
import en from '../apps/console/src/i18n/en.json';
import { ensureConsoleBuilt, launchChromium, screenshots, seriousViolations, until } from './support/console-browser';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_ADMIN_API_KEY } from './support/api-keys';

jest.setTimeout(120_000);

const ZOETERMEER = 'GM0637';
/** A local network in Zoetermeer, so the map has a coalition to propose there. */
const ZOETERMEER_PARTNERS = [
  { name: 'Gemeente Zoetermeer', sector: 'gemeente', leefdomeinen: ['materieel-welzijn', 'huisvesting-leefomgeving'], opgaven: ['meedoen', 'bestaanszekerheid'], offers: ['financiering'], needs: ['bereik-gezinnen'] },
  { name: 'OBS De Vlinder Zoetermeer', sector: 'onderwijs', leefdomeinen: ['onderwijs', 'relaties'], opgaven: ['meedoen', 'kansengelijkheid-onderwijs'], offers: ['bereik-gezinnen', 'locatie'], needs: ['voedsel'] },
  { name: 'Voedselbank Zoetermeer', sector: 'maatschappelijke-organisatie', leefdomeinen: ['materieel-welzijn', 'gezondheid'], opgaven: ['meedoen', 'bestaanszekerheid'], offers: ['voedsel'], needs: ['vrijwilligers'] },
  { name: 'JGZ Zoetermeer', sector: 'jeugdgezondheidszorg', leefdomeinen: ['gezondheid', 'subjectief-welbevinden'], opgaven: ['meedoen', 'gezond-opgroeien'], offers: ['vroegsignalering'], needs: ['locatie'] },
  { name: 'Supermarkt De Dorpsstraat Zoetermeer', sector: 'bedrijfsleven', leefdomeinen: ['maatschappelijke-participatie', 'risico-veiligheid'], opgaven: ['meedoen'], offers: ['vrijwilligers', 'voedsel'], needs: ['zichtbaarheid'] },
];

interface MatchState {
  id: string;
  status: string;
}

describe('the team console in a real browser (PostgreSQL, built console, Debian chromium)', () => {
  let api: TestApp;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let teamKey: string;
  let partnerKey: string;
  let evil: Server;
  let evilOrigin: string;
  const violations: Record<string, string[]> = {};

  const url = (path: string) => `${origin}/console${path}`;
  const match = async (id: string): Promise<MatchState> => (await api.http().get(`/v1/matches/${id}`).expect(200)).body;
  /** axe and the two screenshots of one screen state. */
  const check = async (name: string) => {
    violations[name] = await seriousViolations(page);
    await screenshots(page, name);
  };
  /** The same on a phone too: axe at 390 px, and no stacked table scrolling sideways inside itself. */
  const checkNarrow = async (name: string) => {
    await check(name);
    await page.setViewportSize({ width: 390, height: 900 });
    await page.waitForTimeout(100);
    violations[`${name}-390`] = await seriousViolations(page);
    const wideTables = await page.evaluate<number>(`[...document.querySelectorAll('.pm-table--stack')].filter((table) => table.parentElement.scrollWidth > table.parentElement.clientWidth + 1).length`);
    expect([name, wideTables]).toEqual([name, 0]);
    await page.setViewportSize({ width: 1440, height: 900 });
  };
  const rows = () => page.locator('li[data-match-id]');

  beforeAll(async () => {
    ensureConsoleBuilt();
    process.env.RATE_LIMIT_PER_MINUTE = '100000';
    api = await startTestApp('console_ui');
    await api.app.get(SeedRepository).seedOnce('console-test', buildDemoData(120));
    for (const fixture of ZOETERMEER_PARTNERS) await createPartner(api, partnerBody({ ...fixture, gemeenten: [ZOETERMEER] }));
    await completeFullRun(api);
    teamKey = (await api.http().post('/v1/api-keys').send({ name: 'Sardes', role: 'team' }).expect(201)).body.key;
    partnerKey = (await api.http().post('/v1/api-keys').send({ name: 'Voedselbank Zoetermeer', role: 'partner', partner: 'voedselbank-zoetermeer' }).expect(201)).body.key;
    await api.app.listen(0, '127.0.0.1');
    origin = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');

    // Another site: a page whose form posts a decision to the API with the person's cookie.
    evil = createServer((request, response) => {
      const target = decodeURIComponent((request.url ?? '').slice(1));
      response.setHeader('content-type', 'text/html');
      response.end(`<form id="f" method="POST" action="${target}" enctype="text/plain"><input name='{"status":"rejected","x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, 'localhost', resolve));
    evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (evil ? evil.close(resolve) : resolve(undefined)));
    await api?.close();
  });

  it('refuses a partner key at sign-in with a 403 the page explains', async () => {
    await page.goto(url('/review'));
    await page.waitForURL(/\/console\/sign-in\?next=%2Freview/);
    await page.getByRole('heading', { level: 1, name: nl['signIn.title'] }).waitFor();
    await check('sign-in');
    const answer = page.waitForResponse((response) => response.url().endsWith('/v1/auth/session') && response.request().method() === 'POST');
    await page.getByLabel(nl['signIn.key']).fill(partnerKey);
    await page.getByRole('button', { name: nl['signIn.submit'] }).click();
    expect((await answer).status()).toBe(403);
    await page.getByRole('alert').filter({ hasText: nl['signIn.forbiddenTitle'] }).waitFor();
    await check('sign-in-403');
    expect(await context.cookies()).toEqual([]);
  });

  it('signs in with a team key into an HttpOnly, SameSite=Lax session and keeps the key out of every script-readable store', async () => {
    await page.getByLabel(nl['signIn.key']).fill(teamKey);
    await page.getByRole('button', { name: nl['signIn.submit'] }).click();
    await page.waitForURL(/\/console\/review$/);
    await rows().first().waitFor();
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'pm_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies[0]!.value).not.toContain(teamKey);
    const stores = await page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
    expect(stores).not.toContain(teamKey);
    expect(stores).not.toContain('pm_');
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    await page.getByText(nl['nav.signedInAs'].replace('{name}', 'Sardes').replace('{role}', nl['role.team'])).waitFor();
  });

  it('shows the pending pairs best first with counts, and a province chosen in the UI changes the URL and the list', async () => {
    const reviews = (await api.http().get('/v1/reviews?limit=20').expect(200)).body;
    const shown = await rows().evaluateAll((elements) => elements.map((element) => element.getAttribute('data-match-id')));
    expect(shown).toEqual(reviews.items.map((item: { id: string }) => item.id));
    const pendingCount = page.getByRole('button', { name: new RegExp(`^${nl['status.pending']}`) });
    await until(async () => (await pendingCount.textContent())?.includes(new Intl.NumberFormat('nl-NL').format(reviews.total)), 'the pending count');
    await checkNarrow('review');

    await page.getByLabel(nl['filter.province']).selectOption({ label: 'Zuid-Holland' });
    await page.waitForURL(/province=PV28/);
    const filtered = (await api.http().get('/v1/reviews?limit=20&province=PV28').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(filtered).not.toEqual(shown);
    const shownIds = async () => JSON.stringify(await rows().evaluateAll((elements) => elements.map((element) => element.getAttribute('data-match-id'))));
    await until(async () => (await shownIds()) === JSON.stringify(filtered), 'the filtered list');

    // A leefdomein on top: the URL keeps both, the list is the API's for both; then back to the province alone.
    await page.getByLabel(nl['filter.leefdomein'], { exact: true }).selectOption('onderwijs');
    await page.waitForURL(/province=PV28.*leefdomein=onderwijs|leefdomein=onderwijs.*province=PV28/);
    const both = (await api.http().get('/v1/reviews?limit=20&province=PV28&leefdomein=onderwijs').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(both.length).toBeGreaterThan(0);
    expect(both).not.toEqual(filtered);
    await until(async () => (await shownIds()) === JSON.stringify(both), 'the list filtered by province and leefdomein');
    await check('review-filtered');
    await page.getByLabel(nl['filter.leefdomein'], { exact: true }).selectOption('');
    await until(async () => !page.url().includes('leefdomein') && (await shownIds()) === JSON.stringify(filtered), 'the province alone again');
  });

  it('approves one by keyboard and one by button, rejects two in bulk, undoes the last, and the API then holds what the screen said', async () => {
    const ids = await rows().evaluateAll((elements) => elements.slice(0, 4).map((element) => element.getAttribute('data-match-id')!));
    expect(ids).toHaveLength(4);
    const row = (id: string) => page.locator(`li[data-match-id="${id}"]`);
    const status = (id: string) => row(id).getAttribute('data-status');
    const live = page.locator('[role="status"][aria-live="polite"]').filter({ hasText: /./ });
    const title = async (id: string) => (await row(id).getByRole('heading').textContent())!.trim();

    // Keyboard: focus the first row; `?` opens the help, `a` approves, focus moves on.
    await row(ids[0]!).focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: nl['shortcuts.title'] }).waitFor();
    await check('review-shortcuts');
    await page.getByRole('button', { name: nl['shortcuts.close'] }).click();
    await row(ids[0]!).focus();
    await page.keyboard.press('a');
    await until(async () => (await status(ids[0]!)) === 'approved', 'the first row approved');
    await until(() => row(ids[1]!).evaluate((element) => element === element.ownerDocument.activeElement), 'focus on the next row');
    await until(async () => (await live.first().textContent())?.includes(nl['decided.approved'].replace('{pair}', await title(ids[0]!))), 'the approval announced');
    // Typing in a note never decides: the key goes to the field.
    const note = row(ids[1]!).getByRole('textbox');
    await note.fill('');
    await note.press('r');
    expect(await status(ids[1]!)).toBe('pending');
    await note.fill('');

    // Bulk: select the third and fourth, reject both at once.
    await page.getByRole('checkbox', { name: `Selecteren: ${await title(ids[2]!)}` }).check();
    await row(ids[3]!).focus();
    await page.keyboard.press('x');
    await page.getByRole('button', { name: nl['review.rejectSelected'].replace('{count}', '2') }).waitFor();
    await check('review-bulk');
    await page.getByRole('button', { name: nl['review.rejectSelected'].replace('{count}', '2') }).click();
    await until(async () => (await status(ids[2]!)) === 'rejected' && (await status(ids[3]!)) === 'rejected', 'two rows rejected');
    await until(async () => (await live.first().textContent())?.includes(nl['decidedMany.rejected'].replace('{count}', '2')), 'the bulk rejection announced');

    // Button: approve the second, then undo that last decision.
    await page.getByRole('button', { name: `${nl['action.approve']}: ${await title(ids[1]!)}` }).click();
    await until(async () => (await status(ids[1]!)) === 'approved', 'the second row approved');
    // The row is marked at once; undo belongs to the decision once the API confirmed it.
    await until(async () => (await live.first().textContent())?.includes(nl['decided.approved'].replace('{pair}', await title(ids[1]!))), 'the second approval announced');
    await check('review-decided');
    await page.getByRole('button', { name: nl['review.undo'] }).click();
    await until(async () => (await status(ids[1]!)) === 'pending', 'the undo');
    await until(async () => (await live.first().textContent())?.startsWith('Ongedaan gemaakt'), 'the undo announced');

    const screen = await Promise.all(ids.map(async (id) => ({ id, status: await status(id) })));
    const stored = await Promise.all(ids.map(async (id) => ({ id, status: (await match(id)).status })));
    expect(screen).toEqual([
      { id: ids[0], status: 'approved' },
      { id: ids[1], status: 'pending' },
      { id: ids[2], status: 'rejected' },
      { id: ids[3], status: 'rejected' },
    ]);
    expect(stored).toEqual(screen);
    // The audit trail names the signed-in key, not anything the page sent.
    const history = (await api.http().get(`/v1/matches/${ids[0]}/history`).expect(200)).body.items;
    expect(history.at(-1)).toMatchObject({ to: 'approved', actor: 'Sardes' });
  });

  it('keeps every decision of quick successive key presses (each is marked at once and sent on its own)', async () => {
    const ids = await rows().evaluateAll((elements) => elements.slice(4, 7).map((element) => element.getAttribute('data-match-id')!));
    expect(ids).toHaveLength(3);
    await page.locator(`li[data-match-id="${ids[0]}"]`).focus();
    await page.keyboard.press('a');
    await page.keyboard.press('a');
    await page.keyboard.press('a');
    for (const id of ids) await until(async () => (await match(id)).status === 'approved', `match ${id} approved in the API`);
    for (const id of ids) {
      const row = page.locator(`li[data-match-id="${id}"]`);
      await until(async () => (await row.getAttribute('data-status')) === 'approved', `row ${id} marked approved`);
      // Nothing left busy: the next step (introduce) is offered once the API answered.
      await until(async () => !(await row.getByRole('button', { name: new RegExp(`^${nl['action.introduce']}:`) }).isDisabled()), `row ${id} ready for its next step`);
    }
  });

  it('switches to English, reasons included', async () => {
    const firstReason = async () => (await rows().first().locator('.pm-reasons li').first().textContent())!;
    const dutch = await firstReason();
    await page.getByLabel(nl['nav.language']).selectOption('en');
    await page.getByRole('heading', { level: 1, name: en['review.title'] }).waitFor();
    await until(async () => (await firstReason()) !== dutch, 'reasons in English');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await check('review-en');
    await page.getByLabel(en['nav.language']).selectOption('nl');
    await page.getByRole('heading', { level: 1, name: nl['review.title'] }).waitFor();
  });

  it('says the service is temporarily unavailable when the API answers 503, and recovers on retry', async () => {
    const unavailable = { type: '/problems/service-unavailable', title: 'Service Unavailable', status: 503, detail: 'A service this request needs is not reachable; try again shortly', instance: '/v1/reviews' };
    const answer503 = /\/v1\/reviews\?/;
    await page.route(answer503, (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify(unavailable) }));
    await page.goto(url('/review'));
    await page.getByText(nl['state.unavailable']).waitFor();
    expect(await rows().count()).toBe(0);
    await check('review-503');
    await page.unroute(answer503);
    await page.getByRole('button', { name: nl['state.retry'] }).click();
    await rows().first().waitFor();
    expect(await page.getByText(nl['state.unavailable']).count()).toBe(0);
  });

  it('opens a deep link to a pair in a new tab; its parts add up to the score shown', async () => {
    const id = (await api.http().get('/v1/reviews?limit=1&province=PV28').expect(200)).body.items[0].id as string;
    const tab = await context.newPage();
    const response = await tab.goto(url(`/pairs/${id}`));
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await tab.getByRole('heading', { level: 2, name: nl['pair.breakdown'] }).waitFor();
    const score = Number(await tab.getByTestId('pair-score').textContent());
    const parts = await tab.locator('td[data-part]').evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-part'), Number(cell.textContent)] as const));
    const total = parts.find(([key]) => key === 'total')![1];
    const sum = parts.filter(([key]) => key !== 'total').reduce((acc, [, value]) => acc + value, 0);
    expect(parts).toHaveLength(7);
    expect(score).toBeGreaterThan(0);
    expect(sum).toBe(score);
    expect(total).toBe(score);
    await tab.getByRole('heading', { level: 2, name: nl['pair.history'] }).waitFor();
    const previous = page;
    page = tab;
    await checkNarrow('pair');
    page = previous;
    await tab.close();
  });

  it('reviews the kennisdelen pairs apart: the Doel filter shows their queue with their own components, and a pair page whose parts add up', async () => {
    await page.goto(url('/review'));
    await page.getByLabel(nl['filter.purpose']).selectOption('kennisdelen');
    await page.waitForURL(/purpose=kennisdelen/);
    const first = (await api.http().get('/v1/reviews?purpose=kennisdelen&limit=1').expect(200)).body.items[0];
    expect(first.purpose).toBe('kennisdelen');
    await until(async () => (await page.locator('li[data-match-id]').first().getAttribute('data-match-id')) === first.id, 'the kennisdelen queue, best first');
    const legend = page.getByRole('list', { name: nl['review.legend'] });
    expect(await legend.getByText(nl['component.peers']).count()).toBe(1);
    expect(await legend.getByText(nl['component.region']).count()).toBe(0);
    await check('review-kennisdelen');

    await page.locator(`li[data-match-id="${first.id}"] h2 a`).click();
    await page.getByRole('heading', { level: 2, name: nl['pair.breakdown'] }).waitFor();
    await page.getByText(nl['purpose.kennisdelen'], { exact: true }).first().waitFor();
    const score = Number(await page.getByTestId('pair-score').textContent());
    const parts = await page.locator('td[data-part]').evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-part'), Number(cell.textContent)] as const));
    expect(parts.map(([key]) => key)).toEqual(['opgaven', 'leefdomeinen', 'kennisbronnen', 'verandertheorie', 'peers', 'total']);
    expect(parts.filter(([key]) => key !== 'total').reduce((sum, [, value]) => sum + value, 0)).toBe(score);
    expect(score).toBe(Math.round(first.score * 100));
    await check('pair-kennisdelen');
  });

  it('draws 342 gemeenten on the map; choosing Zoetermeer shows its gaps and a coalition', async () => {
    await page.goto(url('/map'));
    await until(async () => (await page.locator('path[data-gemeente]').count()) === 342, '342 gemeente shapes');
    await check('map');
    await page.getByLabel(nl['map.choose']).selectOption({ label: 'Zoetermeer' });
    await page.waitForURL(new RegExp(`gemeente=${ZOETERMEER}`));
    await page.getByRole('heading', { level: 2, name: 'Zoetermeer' }).waitFor();
    await page.getByRole('heading', { level: 3, name: nl['map.gaps'] }).waitFor();
    const members = page.getByRole('list', { name: nl['map.coalitionMembers'] }).locator(':scope > li');
    await until(async () => (await members.count()) >= 3, 'a coalition of at least three');
    expect(await members.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Zoetermeer')]));
    // Who could close its gaps: the API's first five, in its order.
    const closers = (await api.http().get(`/v1/gemeenten/${ZOETERMEER}/gap-closers?limit=5&lang=nl`).expect(200)).body;
    expect(closers.items.length).toBeGreaterThan(0);
    const closerNames = page.getByRole('list', { name: nl['map.gapClosers'] }).locator(':scope > li a');
    await until(async () => (await closerNames.count()) === closers.items.length, 'the gap-closers');
    expect(await closerNames.allTextContents()).toEqual(closers.items.map((closer: { partner: { name: string } }) => closer.partner.name));
    // Keyboard: the chosen cell is the map's tab stop; an arrow key moves to the next gemeente.
    const cell = page.locator(`path[data-gemeente="${ZOETERMEER}"]`);
    expect(await cell.getAttribute('tabindex')).toBe('0');
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-gemeente') ?? null")).not.toBe(ZOETERMEER);
    // The table alternative: all 342 rows for screen readers, in a frame of its own so the page keeps its length.
    await page.locator('details summary').click();
    const table = page.getByRole('region', { name: nl['map.tableCaption'] });
    await table.waitFor();
    expect(await table.getAttribute('tabindex')).toBe('0');
    expect(await table.locator('tbody tr').count()).toBe(342);
    // With the panel's coalition and gap-closers the page is ~3,000 px; the open table alone was 22,000.
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThan(4500);
    await check('map-zoetermeer');
  });

  it('lists partners and shows a partner page with its suggestions and connections', async () => {
    await page.goto(url('/partners?q=zoetermeer'));
    await page.getByRole('link', { name: 'Voedselbank Zoetermeer' }).waitFor();
    await checkNarrow('partners');
    await page.getByRole('link', { name: 'Voedselbank Zoetermeer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Voedselbank Zoetermeer' }).waitFor();
    await page.getByRole('heading', { level: 2, name: nl['partner.suggestions'] }).waitFor();
    await page.getByRole('heading', { level: 2, name: nl['connections.title'] }).waitFor();
    // A team key reads; only admins see the edit and connection controls.
    expect(await page.getByRole('button', { name: nl['partner.edit'] }).count()).toBe(0);
    await checkNarrow('partner');
  });

  it('says what the team role may not do when the API refuses an admin-only action (403)', async () => {
    // The console hides admin actions from a team session; to reach the API's own refusal, the
    // page is told the session is an admin's. The cookie is still the team key's, and the API knows.
    const session = /\/v1\/auth\/session$/;
    await page.route(session, async (route) => {
      const real = await route.fetch();
      route.fulfill({ response: real, json: { ...(await real.json()), role: 'admin' } });
    });
    await page.goto(url('/partners/jgz-zoetermeer'));
    const before = (await api.http().get('/v1/partners/jgz-zoetermeer').expect(200)).body;
    await page.getByRole('button', { name: nl['partner.edit'] }).click();
    await page.getByLabel(nl['partner.description'], { exact: true }).fill('Door een teamsleutel gewijzigd');
    const answer = page.waitForResponse((response) => response.url().includes('/v1/partners/') && response.request().method() === 'PATCH');
    await page.getByRole('button', { name: nl['partner.save'] }).click();
    expect((await answer).status()).toBe(403);
    await page.getByRole('alert').filter({ hasText: nl['partner.forbidden'] }).waitFor();
    await check('partner-403');
    expect((await api.http().get('/v1/partners/jgz-zoetermeer').expect(200)).body.description).toBe(before.description);
    await page.unroute(session);
    await page.goto(url('/review'));
    await rows().first().waitFor();
  });

  it('previews a changed weight, saves it, follows the run to completion and lists it in the history', async () => {
    await page.goto(url('/matching'));
    await page.getByLabel(nl['component.opgaven'], { exact: true }).fill('0.05');
    await page.getByLabel(nl['component.region'], { exact: true }).fill('0.5');
    // A fair-exposure count round-trips (empty is off); high enough to move nobody in the demo network.
    expect(await page.getByLabel(nl['setting.maxTopPlaces'], { exact: true }).inputValue()).toBe('');
    await page.getByLabel(nl['setting.maxTopPlaces'], { exact: true }).fill('250');
    await page.getByRole('button', { name: nl['matching.preview'] }).click();
    await page.getByRole('heading', { level: 2, name: nl['matching.previewTitle'] }).waitFor({ timeout: 60_000 });
    const changed = Number((await page.getByTestId('changed-lists').textContent())!.split('/')[0]!.trim().replace(/\./g, ''));
    expect(changed).toBeGreaterThan(0);
    await check('matching-preview');
    await page.getByRole('button', { name: nl['matching.save'] }).click();
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await until(async () => (await bar.getAttribute('value')) === '100', 'the progress bar at 100', 90_000);
    await page.getByText(nl['matching.runCompleted']).waitFor();
    const runs = (await api.http().get('/v1/matching/runs?limit=1').expect(200)).body.items;
    expect(runs[0]).toMatchObject({ trigger: 'profile', status: 'completed', profileVersion: 2 });
    expect((await api.http().get('/v1/matching/profile').expect(200)).body).toMatchObject({ version: 2, maxTopPlaces: 250, maxOpenIntroductions: null });
    const historyRow = page.locator(`tr[data-run-id="${runs[0].id}"]`);
    await until(async () => (await historyRow.textContent())?.includes(nl['run.completed']), 'the run in the history');
    expect(await historyRow.textContent()).toContain(nl['trigger.profile']);
    await checkNarrow('matching-saved');
  });

  it('switches to the kennisdelen profile, edits its weights with the same fields and saves a version whose run completes; no preview there', async () => {
    await page.goto(url('/matching'));
    await page.getByRole('button', { name: nl['matching.purposeKennisdelen'] }).click();
    await page.waitForURL(/\/console\/matching\?purpose=kennisdelen$/);
    expect(await page.getByRole('button', { name: nl['matching.purposeKennisdelen'] }).getAttribute('aria-pressed')).toBe('true');
    const peers = page.getByLabel(nl['kennisdelenComponent.peers'], { exact: true });
    expect(await peers.inputValue()).toBe('0.1');
    expect(await page.getByRole('button', { name: nl['matching.preview'] }).count()).toBe(0);
    expect(await page.getByRole('button', { name: nl['suggest.compute'] }).count()).toBe(0);
    await check('matching-kennisdelen');

    await peers.fill('-1');
    await page.getByRole('button', { name: nl['matching.save'] }).click();
    await page.getByRole('alert').filter({ hasText: nl['partner.fixErrors'] }).waitFor();
    expect(await peers.getAttribute('aria-invalid')).toBe('true');
    await check('matching-kennisdelen-400');

    const before = (await api.http().get('/v1/matching/profile').expect(200)).body;
    await peers.fill('0.6');
    await page.getByLabel(nl['setting.crossSectorPeers'], { exact: true }).fill('0.25');
    await page.getByRole('button', { name: nl['matching.save'] }).click();
    const bar = page.getByRole('progressbar');
    await until(async () => (await bar.getAttribute('value')) === '100', 'the run of the kennisdelen version', 90_000);
    await page.getByText(nl['matching.runCompleted']).waitFor();
    const saved = (await api.http().get('/v1/matching/profile?purpose=kennisdelen').expect(200)).body;
    expect(saved).toMatchObject({ purpose: 'kennisdelen', version: 2, crossSectorPeers: 0.25, weights: { peers: 0.6, opgaven: 0.35 } });
    expect((await api.http().get('/v1/matching/profile').expect(200)).body).toEqual(before);
    const runs = (await api.http().get('/v1/matching/runs?limit=1').expect(200)).body.items;
    expect(runs[0]).toMatchObject({ trigger: 'profile', status: 'completed', kennisdelenProfileVersion: 2, profileVersion: before.version });
    await page.locator(`tr[data-run-id="${runs[0].id}"]`).waitFor();
    await checkNarrow('matching-kennisdelen-saved');

    await page.getByRole('button', { name: nl['matching.purposeSamenwerken'] }).click();
    await page.waitForURL(/\/console\/matching$/);
    await page.getByRole('button', { name: nl['matching.preview'] }).waitFor();
  });

  it('shows the suggested weights beside today\'s: first how many more decisions are needed, then a proposal to preview, leave, or save as the new profile', async () => {
    await page.goto(url('/matching'));
    const compute = page.getByRole('button', { name: nl['suggest.compute'] });
    await compute.click();
    const tooFew = page.getByRole('status').filter({ hasText: nl['suggest.tooFewTitle'] });
    await tooFew.waitFor();
    const needed = (await api.http().post('/v1/matching/profile/suggest').expect(422)).body.errors as { field: string; message: string }[];
    const positive = needed.find((error) => error.field === 'decisions.positive')!;
    expect(await tooFew.textContent()).toContain(nl['suggest.needPositive'].replace('{count}', /^(\d+)/.exec(positive.message)![1]!));
    await check('matching-suggest-too-few');

    // The team's decisions so far: the 35 best-scored open pairs approved, the 35 worst rejected (put back afterwards).
    const db = api.app.get(DataSource);
    const decide = async (status: string, order: 'DESC' | 'ASC') =>
      (
        await db.query(
          `WITH scored AS (SELECT m.id, max(s.score) AS score FROM match m
                             JOIN suggestion s ON s.purpose = 'samenwerken' AND LEAST(s.partner_id, s.candidate_id) = m.partner_a_id AND GREATEST(s.partner_id, s.candidate_id) = m.partner_b_id
                            WHERE m.status = 'pending' AND m.purpose = 'samenwerken' GROUP BY m.id)
           UPDATE match SET status = $1 WHERE id IN (SELECT id FROM scored ORDER BY score ${order}, id LIMIT 35) RETURNING id`,
          [status],
        )
      )[0].map((row: { id: string }) => row.id) as string[];
    const decided = [...(await decide('approved', 'DESC')), ...(await decide('rejected', 'ASC'))];
    try {
      const expected = (await api.http().post('/v1/matching/profile/suggest').expect(200)).body;
      await compute.click();
      const table = page.getByRole('table', { name: nl['suggest.caption'] });
      await table.waitFor();
      const format = (value: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
      for (const key of ['opgaven', 'region', 'sector']) {
        const cells = await table.locator(`tr[data-component="${key}"] td`).allTextContents();
        expect([key, cells[0], cells[1]]).toEqual([key, format(expected.currentWeights[key]), format(expected.proposed.weights[key])]);
      }
      expect(await page.getByTestId('suggest-decisions').textContent()).toBe(`${expected.decisions.positive} positief, ${expected.decisions.negative} negatief`);
      await check('matching-suggest');

      const sent = page.waitForRequest((request) => request.url().endsWith('/v1/matching/profile/preview'));
      await page.getByRole('button', { name: nl['suggest.preview'] }).click();
      expect((await sent).postDataJSON().weights).toEqual(expected.proposed.weights);
      await page.getByRole('heading', { level: 2, name: nl['matching.previewTitle'] }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: nl['suggest.dismiss'] }).click();
      await page.getByText(nl['suggest.dismissedText']).waitFor();
      expect(await table.count()).toBe(0);
      const before = (await api.http().get('/v1/matching/profile').expect(200)).body;

      await compute.click();
      await table.waitFor();
      await page.getByRole('button', { name: nl['suggest.save'] }).click();
      const bar = page.getByRole('progressbar');
      await until(async () => (await bar.getAttribute('value')) === '100', 'the run of the saved proposal', 90_000);
      const after = (await api.http().get('/v1/matching/profile').expect(200)).body;
      expect(after).toMatchObject({ version: before.version + 1, weights: expected.proposed.weights, note: nl['suggest.note'] });
    } finally {
      await db.query(`UPDATE match SET status = 'pending' WHERE id = ANY($1::uuid[])`, [decided]);
    }
  });

  it('shows the outcome funnel on the Inzichten page as a chart with the same figures in a table, per sector pair, filtered in the URL', async () => {
    // The partner reads its own list after the team approved one of its pairs: that pair was shown.
    const own = (await api.http().get('/v1/partners/voedselbank-zoetermeer/suggestions?view=team&limit=1').expect(200)).body.items[0];
    if (own.status === 'pending') await api.http().patch(`/v1/matches/${own.matchId}`).send({ status: 'approved' }).expect(200);
    await api.as(partnerKey).get('/v1/partners/voedselbank-zoetermeer/suggestions').expect(200);
    await api.app.get(ImpressionRecorder).flush();

    await page.getByRole('link', { name: nl['nav.insights'] }).click();
    await page.waitForURL(/\/console\/insights$/);
    await page.getByRole('heading', { level: 1, name: nl['insights.title'] }).waitFor();
    const steps = page.getByRole('table', { name: nl['insights.tableCaption'] });
    await steps.waitFor();
    const int = (value: number) => new Intl.NumberFormat('nl-NL').format(value);
    const rowsMatch = async (query: string) => {
      const funnel = (await api.http().get(`/v1/insights/funnel${query}`).expect(200)).body;
      for (const step of funnel.steps as { step: string; pairs: number }[]) {
        const cell = await steps.locator(`tr[data-step="${step.step}"] td`).first().textContent();
        if (cell !== int(step.pairs)) return false;
      }
      return funnel;
    };
    const all = await until(() => rowsMatch(''), 'the table equal to the API');
    expect(all.steps[0].pairs).toBeGreaterThan(0);
    expect(all.steps.find((step: { step: string }) => step.step === 'shown').recorded).toBeGreaterThanOrEqual(1);
    // The chart: a labelled SVG, one bar per row of the table.
    const chart = page.locator(`svg[aria-label="${nl['insights.chartLabel']}"]`);
    await chart.waitFor();
    expect(await chart.locator('g[data-mark="bar"] rect').count()).toBe(await steps.locator('tbody tr').count());
    const sectorPairs = page.getByRole('table', { name: nl['insights.sectorPairCaption'] }).locator('tbody tr');
    expect(all.bySectorPair.length).toBeGreaterThan(10);
    expect(await sectorPairs.count()).toBe(10);
    const first = all.bySectorPair[0] as { sectors: string[]; steps: { pairs: number }[] };
    expect(await sectorPairs.first().getAttribute('data-sectors')).toBe(first.sectors.join('+'));
    expect(await sectorPairs.first().locator('td').first().textContent()).toBe(int(first.steps[0]!.pairs));
    await checkNarrow('insights');
    await page.getByRole('button', { name: nl['insights.allPairs'].replace('{count}', int(all.bySectorPair.length)) }).click();
    await until(async () => (await sectorPairs.count()) === all.bySectorPair.length, 'every sector pair');

    await page.getByLabel(nl['filter.province']).selectOption({ label: 'Zuid-Holland' });
    await page.waitForURL(/province=PV28/);
    const zuidHolland = await until(() => rowsMatch('?province=PV28'), 'the table filtered by province');
    expect(zuidHolland.steps[0].pairs).toBeLessThan(all.steps[0].pairs);
    await check('insights-province');
    await page.getByLabel(nl['insights.purpose']).selectOption('kennisdelen');
    await page.waitForURL(/purpose=kennisdelen/);
    const kennisdelen = await until(() => rowsMatch('?province=PV28&purpose=kennisdelen'), 'the table of the kennisdelen pairs');
    expect(kennisdelen.filters.purpose).toBe('kennisdelen');
    expect(kennisdelen.steps[0].pairs).toBeGreaterThan(0);
  });

  it('refuses a cross-site form POST that carries the session cookie', async () => {
    const id = (await api.http().get('/v1/reviews?limit=1').expect(200)).body.items[0].id as string;
    const evilPage = await context.newPage();
    const answer = evilPage.waitForResponse((response) => response.url().includes(`/v1/matches/${id}`));
    await evilPage.goto(`${evilOrigin}/${encodeURIComponent(`${origin}/v1/matches/${id}`)}`);
    expect([401, 403, 404, 405]).toContain((await answer).status());
    await evilPage.close();
    expect((await match(id)).status).toBe('pending');
    // A same-origin script without the console's header is refused as well: the header is the defence.
    const status = await page.evaluate<number>(`fetch('/v1/matches/${id}', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"approved"}' }).then((response) => response.status)`);
    expect(status).toBe(403);
    expect((await match(id)).status).toBe('pending');
  });

  it('signs out and the session ends on the server', async () => {
    const [cookie] = await context.cookies();
    await page.getByRole('button', { name: nl['nav.signOut'] }).click();
    await page.waitForURL(/\/console\/sign-in/);
    expect(await context.cookies()).toEqual([]);
    const replay = await fetch(`${origin}/v1/auth/session`, { headers: { cookie: `pm_session=${cookie!.value}` } });
    expect(replay.status).toBe(401);
    await page.goto(url('/review'));
    await page.waitForURL(/\/console\/sign-in\?next=/);
  });

  it('lets an admin edit a profile (the API field error shown at its field) and add and remove a collaboration', async () => {
    await page.getByLabel(nl['signIn.key']).fill(TEST_ADMIN_API_KEY);
    await page.getByRole('button', { name: nl['signIn.submit'] }).click();
    await page.waitForURL(/\/console\/review/);
    await page.goto(url('/partners/jgz-zoetermeer'));
    await page.getByRole('button', { name: nl['partner.edit'] }).click();
    const website = page.getByLabel(nl['partner.website'], { exact: true });
    await website.fill('geen adres');
    await page.getByRole('button', { name: nl['partner.save'] }).click();
    await until(async () => (await website.getAttribute('aria-invalid')) === 'true', 'the website field marked invalid');
    const describedBy = (await website.getAttribute('aria-describedby'))!.split(' ');
    const message = await page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
    expect(message).toMatch(/website/i);
    await check('partner-edit-error');
    await website.fill('https://jgz-zoetermeer.example.org');
    await page.getByLabel(nl['partner.description'], { exact: true }).fill('<b>Jeugdgezondheidszorg</b> in Zoetermeer');
    await page.getByRole('button', { name: nl['partner.save'] }).click();
    await page.getByText(nl['partner.saved']).waitFor();
    // Partner text is text: the markup shows as typed, no element is made of it.
    await page.getByText('<b>Jeugdgezondheidszorg</b> in Zoetermeer').waitFor();
    expect(await page.locator('main b').count()).toBe(0);
    expect((await api.http().get('/v1/partners/jgz-zoetermeer').expect(200)).body.website).toBe('https://jgz-zoetermeer.example.org');

    await page.getByLabel(nl['connections.other']).fill('voedselbank-zoetermeer');
    await page.getByRole('button', { name: nl['connections.add'] }).click();
    const remove = page.getByRole('button', { name: `${nl['connections.remove']}: Voedselbank Zoetermeer` });
    await remove.waitFor();
    await check('partner-admin');
    const connected = async () => (await api.http().get('/v1/connections?partner=jgz-zoetermeer').expect(200)).body.items.some((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].includes('voedselbank-zoetermeer'));
    expect(await connected()).toBe(true);
    await remove.click();
    await until(async () => (await remove.count()) === 0, 'the collaboration removed');
    expect(await connected()).toBe(false);
  });

  it('has no serious or critical axe violation on any screen state', () => {
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(12);
    expect(Object.fromEntries(Object.entries(violations).filter(([, found]) => found.length > 0))).toEqual({});
  });
});
