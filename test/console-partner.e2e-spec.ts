import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../apps/console/src/i18n/en.json';
import nl from '../apps/console/src/i18n/nl.json';
import { TEST_ADMIN_API_KEY } from './support/api-keys';
import { freePort } from './support/built-service';
import { ensureConsoleBuilt, launchChromium, SCREENSHOTS, screenshots, seriousViolations, until } from './support/console-browser';
import { completeFullRun } from './support/full-run';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(120_000);

const PARTNER = 'voedselbank-utrecht';
const CONTACT = 'info@voedselbank-utrecht.example.org';
/** The introduction mail as its reader sees it (the README's docs/introduction-mail.png comes from scripts/render-introduction-mail.js). */
const INTRODUCTION_MAIL_PNG = join(SCREENSHOTS, 'introduction-mail.png');

/**
 * A partner contact in a real browser: it signs in with a link from the dev mailbox (no
 * SMTP_URL, so every mail is kept for the admins), sees only its own partner, answers a
 * suggestion, edits its profile and sees its list change; the admins' people and mailbox
 * pages beside it.
 */
describe('the partner pages of the console in a real browser (PostgreSQL, no SMTP_URL, built console, Debian chromium)', () => {
  let api: TestApp;
  let origin: string;
  let browser: Browser;
  let adminContext: BrowserContext;
  let partnerContext: BrowserContext;
  let admin: Page;
  let partner: Page;
  let signInLink: string;
  const pairs: Record<string, string> = {};
  const violations: Record<string, string[]> = {};

  const url = (path: string) => `${origin}/console${path}`;
  const check = async (page: Page, name: string) => {
    violations[name] = await seriousViolations(page);
    await screenshots(page, name);
  };
  const pairOf = async (first: string, second: string): Promise<string> => {
    const reviews = (await api.http().get('/v1/reviews?limit=500').expect(200)).body.items;
    const pair = reviews.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].sort().join() === [first, second].sort().join());
    if (!pair) throw new Error(`no pair ${first}–${second} to review`);
    return pair.id;
  };
  const partnerList = async (): Promise<{ candidate: { slug: string }; reasons: { text: string }[] }[]> =>
    (await api.http().get(`/v1/partners/${PARTNER}/suggestions?view=partner&limit=50`).expect(200)).body.items;
  /** The cards of one purpose's section of Voor jou; samenwerken unless said. */
  const cards = (purpose = 'samenwerken') => partner.locator(`section[data-purpose="${purpose}"] li[data-candidate]`);
  const cardReasons = async (slug: string) => (await cards().and(partner.locator(`[data-candidate="${slug}"]`)).locator('.pm-reasons li').allTextContents()).join(' | ');

  beforeAll(async () => {
    ensureConsoleBuilt();
    const port = await freePort();
    delete process.env.SMTP_URL;
    process.env.RATE_LIMIT_PER_MINUTE = '100000';
    process.env.PUBLIC_URL = `http://127.0.0.1:${port}`;
    api = await startTestApp('console_partner');
    await createPartner(api, partnerBody({ name: 'Voedselbank Utrecht', contactEmail: CONTACT }));
    await createPartner(api, partnerBody({ name: 'OBS De Regenboog Utrecht', sector: 'onderwijs', offers: ['locatie', 'bereik-gezinnen'], needs: ['voedsel'], contactEmail: 'directie@regenboog.example.org', website: 'https://regenboog.example.org' }));
    await createPartner(api, partnerBody({ name: 'Buurtsuper Het Hoekje Utrecht', sector: 'bedrijfsleven', offers: ['schoolontbijt', 'voedsel'], needs: ['zichtbaarheid'], contactEmail: 'winkel@hoekje.example.org', website: 'https://hoekje.example.org' }));
    await createPartner(api, partnerBody({ name: 'Gemeente Utrecht', sector: 'gemeente', offers: ['financiering'], needs: ['bereik-gezinnen'], opgaven: ['meedoen', 'bestaanszekerheid'], contactEmail: 'armoede@utrecht.example.org', website: 'https://utrecht.example.org' }));
    await completeFullRun(api);
    // What the team did before the partner signs in: two suggestions approved, one pair introduced.
    for (const other of ['gemeente-utrecht', 'buurtsuper-het-hoekje-utrecht', 'obs-de-regenboog-utrecht']) pairs[other] = await pairOf(PARTNER, other);
    for (const other of ['gemeente-utrecht', 'buurtsuper-het-hoekje-utrecht']) await api.http().patch(`/v1/matches/${pairs[other]}`).send({ status: 'approved' }).expect(200);
    const school = pairs['obs-de-regenboog-utrecht']!;
    await api.http().patch(`/v1/matches/${school}`).send({ status: 'approved' }).expect(200);
    await api.http().patch(`/v1/matches/${school}`).send({ status: 'introduced', note: 'Samen een schoolontbijt op De Regenboog?' }).expect(200);
    await api.app.listen(port, '127.0.0.1');
    origin = `http://127.0.0.1:${port}`;

    browser = await launchChromium();
    adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    partnerContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    admin = await adminContext.newPage();
    partner = await partnerContext.newPage();
    for (const page of [admin, partner]) page.on('dialog', (dialog) => void dialog.accept());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    delete process.env.PUBLIC_URL;
  });

  it('asks for a sign-in link by e-mail and answers the same for every address', async () => {
    await partner.goto(url('/sign-in'));
    await partner.getByRole('heading', { level: 2, name: nl['signIn.byMail'] }).waitFor();
    await partner.getByLabel(nl['signIn.email']).fill('niemand@example.org');
    await partner.getByRole('button', { name: nl['signIn.sendLink'] }).click();
    await partner.getByText(nl['signIn.checkMailText']).waitFor();
    await partner.getByLabel(nl['signIn.email']).fill(CONTACT.toUpperCase());
    const answer = partner.waitForResponse((response) => response.url().endsWith('/v1/auth/sign-in-link'));
    await partner.getByRole('button', { name: nl['signIn.sendLink'] }).click();
    expect((await answer).status()).toBe(202);
    await partner.getByText(nl['signIn.checkMailText']).waitFor();
    await check(partner, 'sign-in-email-sent');
    expect(await partnerContext.cookies()).toEqual([]);
  });

  it('shows the admins the kept mails in the dev mailbox, with the sign-in link clickable', async () => {
    await admin.goto(url('/sign-in'));
    await admin.getByLabel(nl['signIn.key']).fill(TEST_ADMIN_API_KEY);
    await admin.getByRole('button', { name: nl['signIn.submit'] }).click();
    await admin.waitForURL(/\/console\/review$/);
    await admin.getByRole('link', { name: nl['nav.mailbox'] }).click();
    await admin.waitForURL(/\/console\/dev\/mailbox$/);
    const signInMail = admin.locator('tr[data-mail-id]').filter({ hasText: CONTACT }).filter({ hasText: nl['mailKind.sign-in-link'] });
    await signInMail.first().waitFor();
    // Two introduction mails and one sign-in link; the unknown address got nothing.
    expect(await admin.locator('tr[data-mail-id]').count()).toBe(3);
    await check(admin, 'mailbox');
    await signInMail.getByRole('link').click();
    await admin.getByRole('heading', { level: 1, name: 'Aanmelden bij Partnermatch' }).waitFor();
    const link = admin.locator('pre.pm-mail-text a', { hasText: '/console/sign-in/link?token=' });
    signInLink = (await link.getAttribute('href'))!;
    expect(signInLink).toMatch(new RegExp(`^${origin}/console/sign-in/link\\?token=[\\w-]+$`));
    await check(admin, 'mailbox-sign-in-mail');

    await admin.goBack();
    await admin.locator('tr[data-mail-id]').filter({ hasText: 'directie@regenboog.example.org' }).getByRole('link').click();
    await admin.getByRole('heading', { level: 1, name: 'Kennismaking: Voedselbank Utrecht' }).waitFor();
    await admin.getByText('Samen een schoolontbijt op De Regenboog?').first().waitFor();
    await admin.frameLocator('iframe.pm-mail-frame').getByText('Waarom wij denken dat u bij elkaar past', { exact: false }).waitFor();
    await check(admin, 'mailbox-introduction-mail');
    // The formatted introduction mail as its reader sees it, outside the console.
    const mail = (await api.http().get(`/v1/dev/mailbox/${admin.url().split('/').pop()}`).expect(200)).body;
    const mailPage = await adminContext.newPage();
    await mailPage.setViewportSize({ width: 720, height: 900 });
    await mailPage.setContent(mail.html);
    await mailPage.screenshot({ path: INTRODUCTION_MAIL_PNG, fullPage: true });
    await mailPage.close();
    expect(readFileSync(INTRODUCTION_MAIL_PNG).length).toBeGreaterThan(10_000);
  });

  it('signs the partner in only on the button, lands on Voor jou, and shows partner pages only', async () => {
    await partner.goto(signInLink);
    await partner.getByRole('heading', { level: 1, name: nl['signInLink.title'] }).waitFor();
    // Opening the link (as a mail scanner does) spends nothing and starts no session.
    expect(await partnerContext.cookies()).toEqual([]);
    await check(partner, 'sign-in-link');
    await partner.getByRole('button', { name: nl['signInLink.submit'] }).click();
    await partner.waitForURL(/\/console\/for-you$/);
    const nav = partner.getByRole('navigation', { name: nl['nav.label'] });
    for (const name of ['nav.forYou', 'nav.introductions', 'nav.profile', 'nav.myData'] as const) await nav.getByRole('link', { name: nl[name] }).waitFor();
    for (const name of ['nav.review', 'nav.partners', 'nav.map', 'nav.matching', 'nav.people', 'nav.mailbox'] as const) expect(await nav.getByRole('link', { name: nl[name] }).count()).toBe(0);
    expect((await partnerContext.cookies()).map((cookie) => cookie.name)).toEqual(['pm_session']);

    // The same link a second time, from another browser: a clear page, never a session.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(signInLink);
    await again.getByRole('button', { name: nl['signInLink.submit'] }).click();
    await again.getByRole('heading', { level: 1, name: nl['signInLink.invalidTitle'] }).waitFor();
    await again.getByText(nl['signInLink.invalidText']).waitFor();
    violations['sign-in-link-used'] = await seriousViolations(again);
    await screenshots(again, 'sign-in-link-used');
    expect(await other.cookies()).toEqual([]);
    await again.goto(url('/sign-in/link'));
    await again.getByText(nl['signInLink.missing']).waitFor();
    await other.close();
  });

  it('shows the approved suggestions with reasons, and "Niet voor ons" takes one out', async () => {
    const expected = await partnerList();
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await until(async () => (await cards().count()) === expected.length, 'the approved suggestions');
    expect(await cards().evaluateAll((elements) => elements.map((element) => element.getAttribute('data-candidate')))).toEqual(expected.map((item) => item.candidate.slug));
    expect(await cardReasons(expected[0]!.candidate.slug)).toContain(expected[0]!.reasons[0]!.text);
    await check(partner, 'partner-for-you');

    // In English the page and the reasons are English.
    await partner.getByLabel(nl['nav.language']).selectOption('en');
    await partner.getByRole('heading', { level: 1, name: en['forYou.title'] }).waitFor();
    const english = (await api.http().get(`/v1/partners/${PARTNER}/suggestions?view=partner&lang=en&limit=50`).expect(200)).body.items;
    await until(async () => (await cardReasons(english[0].candidate.slug)).includes(english[0].reasons[0].text), 'the reasons in English');
    await check(partner, 'partner-for-you-en');
    await partner.getByLabel(en['nav.language']).selectOption('nl');
    await partner.getByRole('heading', { level: 1, name: nl['forYou.title'] }).waitFor();

    const shop = cards().and(partner.locator('[data-candidate="buurtsuper-het-hoekje-utrecht"]'));
    await shop.getByRole('button', { name: nl['forYou.interested'] }).click();
    await partner.getByText(nl['forYou.savedInterested'].replace('{name}', 'Buurtsuper Het Hoekje Utrecht')).waitFor();
    // The answer is the list's, not the page's: still pressed after a reload, and only on that card.
    await partner.reload();
    await until(async () => (await shop.getByRole('button', { name: nl['forYou.interested'] }).getAttribute('aria-pressed')) === 'true', 'Interessant pressed after a reload');
    expect(await cards().getByRole('button', { name: nl['forYou.interested'], pressed: true }).count()).toBe(1);
    await shop.getByRole('button', { name: nl['forYou.notForUs'] }).click();
    await until(async () => (await shop.count()) === 0, 'the candidate gone from the list');
    expect((await partnerList()).map((item) => item.candidate.slug)).not.toContain('buurtsuper-het-hoekje-utrecht');
    // The answer is the partner's feedback; the team's decision on the pair stays as it was.
    expect((await api.http().get(`/v1/matches/${pairs['buurtsuper-het-hoekje-utrecht']}`).expect(200)).body.status).toBe('approved');
    await check(partner, 'partner-for-you-answered');

    // Partners to learn from are a section of their own, answered for that purpose.
    const queue = (await api.http().get('/v1/reviews?purpose=kennisdelen&limit=500').expect(200)).body.items;
    const peer = queue.find((item: { partnerA: { slug: string }; partnerB: { slug: string } }) => [item.partnerA.slug, item.partnerB.slug].includes(PARTNER));
    await api.http().patch(`/v1/matches/${peer.id}`).send({ status: 'approved' }).expect(200);
    const other: string = peer.partnerA.slug === PARTNER ? peer.partnerB.slug : peer.partnerA.slug;
    await partner.reload();
    await partner.getByRole('heading', { level: 2, name: nl['forYou.kennisdelen'] }).waitFor();
    const card = cards('kennisdelen').and(partner.locator(`[data-candidate="${other}"]`));
    await card.waitFor();
    await card.getByRole('button', { name: nl['forYou.interested'] }).click();
    const list = (purpose: string) => api.http().get(`/v1/partners/${PARTNER}/suggestions?view=partner&purpose=${purpose}&limit=50`).expect(200);
    await until(async () => (await list('kennisdelen')).body.items.find((item: { candidate: { slug: string } }) => item.candidate.slug === other)?.feedback === 'interested', 'the answer recorded for kennisdelen');
    const sameInSamenwerken = (await list('samenwerken')).body.items.find((item: { candidate: { slug: string } }) => item.candidate.slug === other);
    expect(sameInSamenwerken?.feedback ?? null).not.toBe('interested');
    await check(partner, 'partner-for-you-kennisdelen');
  });

  it('sees only its own partner: another partner\'s id is refused', async () => {
    const status = (path: string) => partner.evaluate(async (target) => (await fetch(target, { credentials: 'same-origin' })).status, path);
    const gemeente = (await api.http().get('/v1/partners/gemeente-utrecht').expect(200)).body.id;
    expect(await status(`/v1/partners/${PARTNER}`)).toBe(200);
    for (const path of [`/v1/partners/${gemeente}`, '/v1/partners/gemeente-utrecht/suggestions', `/v1/partners/${gemeente}/export`, `/v1/partners/${gemeente}/introductions`, '/v1/partners', '/v1/reviews', '/v1/people', '/v1/dev/mailbox']) {
      expect([path, await status(path)]).toEqual([path, 403]);
    }
    // The team's screens and the admins' say "Geen toegang" with a way back to its own pages, never the API's 403 text.
    for (const path of ['/people', '/review', `/pairs/${pairs['gemeente-utrecht']}`, '/partners', '/partners/gemeente-utrecht', '/map', '/matching']) {
      await partner.goto(url(path));
      await partner.getByRole('heading', { level: 1, name: nl['forbidden.title'] }).waitFor();
      await partner.getByText(nl['forbidden.text']).waitFor();
      expect([path, await partner.getByRole('main').getByRole('link', { name: nl['nav.forYou'] }).getAttribute('href')]).toEqual([path, '/console/for-you']);
    }
    await check(partner, 'partner-forbidden');
    await partner.getByRole('main').getByRole('link', { name: nl['nav.forYou'] }).click();
    await partner.waitForURL(/\/console\/for-you$/);
    await partner.goto(url('/no-such-page'));
    await partner.getByRole('heading', { level: 1, name: nl['state.notFound'] }).waitFor();
    expect(await partner.getByRole('main').getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['/console/for-you']);
  });

  it('lists its introductions with the other side\'s contacts and the team\'s note', async () => {
    await partner.goto(url('/introductions'));
    const card = partner.locator('li[data-match-id]');
    await card.first().waitFor();
    expect(await card.count()).toBe(1);
    await card.getByRole('heading', { name: 'OBS De Regenboog Utrecht' }).waitFor();
    await card.getByText('Samen een schoolontbijt op De Regenboog?').waitFor();
    await card.getByRole('link', { name: 'directie@regenboog.example.org' }).waitFor();
    await card.getByText(nl['status.introduced']).waitFor();
    await check(partner, 'partner-introductions');
  });

  it('edits its own profile, and its list changes within seconds', async () => {
    const before = await cardReasonsOnForYou('gemeente-utrecht');
    await partner.goto(url('/profile'));
    const needs = partner.getByLabel(nl['partner.needs'], { exact: true });
    await needs.waitFor();
    expect(await needs.inputValue()).toBe('locatie');
    await check(partner, 'partner-profile');
    await needs.fill('locatie, financiering');
    // The verandertheorie picker, labelled from /v1/taxonomy like the kennisbronnen one.
    await partner.getByRole('group', { name: nl['partner.verandertheorie'] }).getByRole('checkbox', { name: 'Versterken' }).check();
    await partner.getByRole('button', { name: nl['partner.save'] }).click();
    await partner.getByText(nl['profile.saved']).waitFor();
    expect((await api.http().get(`/v1/partners/${PARTNER}`).expect(200)).body).toMatchObject({ needs: ['locatie', 'financiering'], verandertheorie: ['versterken'] });
    const started = Date.now();
    const after = await until(async () => {
      const reasons = await cardReasonsOnForYou('gemeente-utrecht');
      return reasons !== before ? reasons : undefined;
    }, 'the reasons of the Gemeente changed', 30_000);
    expect(after).toMatch(/financiering/i);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  async function cardReasonsOnForYou(slug: string): Promise<string> {
    await partner.goto(url('/for-you'));
    await partner.locator(`li[data-candidate="${slug}"] .pm-reasons li`).first().waitFor();
    return cardReasons(slug);
  }

  it('downloads its data, changes its mail preferences and asks for erasure on Mijn gegevens', async () => {
    await partner.goto(url('/my-data'));
    await partner.getByRole('heading', { level: 2, name: nl['myData.mail'] }).waitFor();
    await partner.getByText(nl['myData.mailFor'].replace('{email}', CONTACT)).waitFor();
    await check(partner, 'partner-my-data');

    const download = partner.waitForEvent('download');
    await partner.getByRole('button', { name: nl['myData.exportButton'] }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ view: 'partner', partner: { slug: PARTNER }, people: [expect.objectContaining({ email: CONTACT })] });
    expect(JSON.stringify(exported)).not.toContain('winkel@hoekje.example.org');

    await partner.getByLabel(nl['myData.wantsDigest']).uncheck();
    await partner.getByLabel(nl['myData.mailLanguage']).selectOption('en');
    await partner.getByRole('button', { name: nl['myData.mailSave'] }).click();
    await partner.getByText(nl['myData.mailSaved']).waitFor();
    const person = (await api.http().get(`/v1/people?partner=${PARTNER}`).expect(200)).body.items[0];
    expect(person).toMatchObject({ wantsDigest: false, wantsFollowUps: true, language: 'en' });

    await partner.getByLabel(nl['myData.erasureReason']).fill('Wij stoppen met de voedselbank');
    await partner.getByRole('button', { name: nl['myData.erasureButton'] }).click();
    await partner.getByText(nl['myData.erasureRequested'].split('{date}')[0]!).waitFor();
    await check(partner, 'partner-my-data-requested');
    // Asking erased nothing: the admins decide.
    await api.http().get(`/v1/partners/${PARTNER}`).expect(200);
  });

  it('lets an admin add, change and delete people, and see the erasure request', async () => {
    await admin.goto(url('/people'));
    await admin.locator('tr[data-person-id]').filter({ hasText: CONTACT }).waitFor();
    await admin.getByText('Wij stoppen met de voedselbank').waitFor();
    await check(admin, 'people');

    await admin.getByLabel(nl['people.name'], { exact: true }).fill('Anna de Vries');
    await admin.getByLabel(nl['people.email'], { exact: true }).fill('anna@sardes.example.org');
    await admin.getByLabel(nl['people.role'], { exact: true }).selectOption('team');
    await admin.getByRole('button', { name: nl['people.create'] }).click();
    const anna = admin.locator('tr[data-person-id]').filter({ hasText: 'anna@sardes.example.org' });
    await anna.waitFor();
    // The same address again (in another case) is refused at its field.
    await admin.getByLabel(nl['people.name'], { exact: true }).fill('Anna');
    await admin.getByLabel(nl['people.email'], { exact: true }).fill('ANNA@sardes.example.org');
    await admin.getByLabel(nl['people.role'], { exact: true }).selectOption('team');
    await admin.getByRole('button', { name: nl['people.create'] }).click();
    await admin.getByText(nl['people.fixErrors']).waitFor();
    const email = admin.getByLabel(nl['people.email'], { exact: true });
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
    expect(await admin.locator(`[id="${describedBy.at(-1)}"]`).textContent()).toMatch(/already in use/);
    await check(admin, 'people-error');

    await anna.getByRole('button', { name: `${nl['people.editButton']}: Anna de Vries` }).click();
    await admin.getByRole('heading', { name: nl['people.edit'].replace('{name}', 'Anna de Vries') }).waitFor();
    await admin.getByLabel(nl['people.role'], { exact: true }).selectOption('partner');
    await admin.getByLabel(new RegExp(`^${nl['people.partner']} \\(`)).selectOption({ label: 'Gemeente Utrecht' });
    await admin.getByLabel(nl['people.language'], { exact: true }).selectOption('en');
    await admin.getByLabel(nl['people.active']).uncheck();
    await admin.getByRole('button', { name: nl['people.save'] }).click();
    await admin.getByText(nl['people.saved'].replace('{name}', 'Anna de Vries')).waitFor();
    // The creation said the same sentence: what counts is the stored person once the save is in.
    const annaNow = async () => (await api.http().get('/v1/people').expect(200)).body.items.find((item: { email: string }) => item.email === 'anna@sardes.example.org');
    await until(async () => (await annaNow()).role === 'partner', 'the saved change of Anna');
    const changed = await annaNow();
    expect(changed).toMatchObject({ role: 'partner', partner: { slug: 'gemeente-utrecht' }, language: 'en', active: false });

    await anna.getByRole('button', { name: `${nl['people.deleteButton']}: Anna de Vries` }).click();
    await until(async () => (await anna.count()) === 0, 'Anna deleted');
    await api.http().get(`/v1/people/${changed.id}`).expect(404);
  });

  it('has no serious or critical axe violation on any partner, people or mailbox screen', () => {
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(12);
    expect(Object.fromEntries(Object.entries(violations).filter(([, found]) => found.length > 0))).toEqual({});
  });
});
