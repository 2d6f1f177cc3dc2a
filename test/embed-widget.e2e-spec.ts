import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findGemeente } from '@app/taxonomy';
import { eventually } from './support/eventually';
import { completeFullRun } from './support/full-run';
import { serviceEnv, startApi } from './support/running-services';
import { createPartner, NATIONAL_KNOWLEDGE_PARTNER, partnerBody, UTRECHT_PARTNERS } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface CreatedPartner {
  id: string;
  slug: string;
  name: string;
}

interface ReviewItem {
  id: string;
  partnerA: CreatedPartner;
  partnerB: CreatedPartner;
}

interface EmbedList {
  items: { rank: number; candidate: { id: string; name: string; sectorLabel: string; gemeenten: string[]; gemeenteNames: string[] }; reasons: { text: string }[] }[];
  total: number;
  limit: number;
}

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', 'test-results', 'embed-widget.png');
const PRIVATE_NOTE = 'Vertrouwelijk: alleen voor het team';
const PRIVATE_FEEDBACK = 'Interne afweging van de school';
const REVIEWER = 'reviewer@sardes.example.org';

jest.setTimeout(60_000);

describe('portal embed: API, widget and demo page (PostgreSQL, in-process queue, Debian chromium)', () => {
  let api: TestApp;
  let origin: string;
  let portalKey: string;
  const partners: CreatedPartner[] = [];
  let school: CreatedPartner;
  /** The school's pairs by what the team decided; only approved and introduced ones may show. */
  let decided: Record<'approved' | 'introduced' | 'pending' | 'rejected' | 'approvedLater', CreatedPartner>;
  let approvedLaterMatchId: string;

  const embedPath = (slug: string, query = '') => `/v1/embed/partners/${slug}/suggestions${query}`;
  const embedJson = async (slug: string, query = ''): Promise<EmbedList> => (await api.as(portalKey).get(embedPath(slug, query)).expect(200)).body;
  let reviewerKey: string;
  const decide = (id: string, status: string) => api.as(reviewerKey).patch(`/v1/matches/${id}`).send({ status, note: PRIVATE_NOTE }).expect(200);
  const other = (item: ReviewItem, partner: CreatedPartner) => (item.partnerA.id === partner.id ? item.partnerB : item.partnerA);

  beforeAll(async () => {
    api = await startTestApp('embed_widget');
    // The history records the deciding key's name: it must not reach the portal either.
    reviewerKey = (await api.http().post('/v1/api-keys').send({ name: REVIEWER, role: 'team' }).expect(201)).body.key;
    await api.app.listen(0, '127.0.0.1');
    origin = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');

    for (const fixture of [...UTRECHT_PARTNERS, NATIONAL_KNOWLEDGE_PARTNER]) {
      partners.push(await createPartner(api, partnerBody(fixture)));
    }
    school = partners[1];

    await completeFullRun(api);

    // The school is the only onderwijs partner, so these are exactly its pairs, best first.
    const pairs: ReviewItem[] = (await api.http().get('/v1/reviews?sector=onderwijs&limit=500').expect(200)).body.items;
    expect(pairs).toHaveLength(5);
    await decide(pairs[0].id, 'approved');
    await decide(pairs[1].id, 'approved');
    await decide(pairs[1].id, 'introduced');
    await decide(pairs[3].id, 'rejected');
    decided = {
      approved: other(pairs[0], school),
      introduced: other(pairs[1], school),
      pending: other(pairs[2], school),
      rejected: other(pairs[3], school),
      approvedLater: other(pairs[4], school),
    };
    approvedLaterMatchId = pairs[4].id;
    // Private data around an approved pair that must never reach the portal.
    await api.http().post(`/v1/partners/${school.slug}/suggestions/${decided.approved.slug}/feedback`).send({ verdict: 'interested', reason: PRIVATE_FEEDBACK }).expect(200);

    const key = await api.http().post('/v1/api-keys').send({ name: 'Portal test', role: 'portal', allowedOrigins: [origin] }).expect(201);
    portalKey = key.body.key;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('GET /v1/embed/partners/{slug}/suggestions', () => {
    it('lists only the approved and introduced pairs, best first, with labels and reasons in the language asked for', async () => {
      const nl = await embedJson(school.slug);
      expect(nl.items.map((item) => item.candidate.id).sort()).toEqual([decided.approved.id, decided.introduced.id].sort());
      expect(nl.total).toBe(2);
      expect(nl.limit).toBe(5);
      expect(nl.items.map((item) => item.rank)).toEqual([...nl.items.map((item) => item.rank)].sort((a, b) => a - b));
      for (const { candidate } of nl.items) expect(candidate.gemeenteNames).toEqual(candidate.gemeenten.map((code) => findGemeente(code)!.name));
      const en = await embedJson(school.slug, '?lang=en');
      expect(en.items.map((item) => item.candidate.id)).toEqual(nl.items.map((item) => item.candidate.id));
      expect(en.items[0].reasons.map((reason) => reason.text)).not.toEqual(nl.items[0].reasons.map((reason) => reason.text));
      const sectorLabels = new Set([...nl.items, ...en.items].map((item) => item.candidate.sectorLabel));
      expect(sectorLabels.size).toBe(4); // two candidates, each labelled differently in nl and en
    });

    it('shows no pending or rejected pair, from either side', async () => {
      const candidateIds = (await embedJson(school.slug)).items.map((item) => item.candidate.id);
      expect(candidateIds).not.toContain(decided.pending.id);
      expect(candidateIds).not.toContain(decided.rejected.id);
      expect((await embedJson(decided.pending.slug)).items.map((item) => item.candidate.id)).not.toContain(school.id);
      expect((await embedJson(decided.approved.slug)).items.map((item) => item.candidate.id)).toContain(school.id);
      // A partner none of whose pairs was approved has an empty public list, though its team list is full.
      expect((await embedJson(decided.pending.slug)).items).toEqual([]);
      expect((await api.http().get(`/v1/partners/${decided.pending.slug}/suggestions?view=team`).expect(200)).body.items.length).toBeGreaterThan(0);
    });

    it('never sends a private field: contact e-mail, review notes and actors, match ids and statuses, feedback, opt-out', async () => {
      const response = await api.as(portalKey).get(embedPath(school.slug)).expect(200);
      const matchIds: string[] = (await api.http().get('/v1/reviews?sector=onderwijs&limit=500').expect(200)).body.items.map((item: ReviewItem) => item.id);
      for (const secret of ['contactEmail', 'info@voedselbank-utrecht.example.org', '@', PRIVATE_NOTE, REVIEWER, PRIVATE_FEEDBACK, 'matchId', '"status"', 'components', 'matchingOptOut', 'kennisbronnen', 'verdict', ...matchIds]) {
        expect(response.text).not.toContain(secret);
      }
      expect(response.text).toContain(decided.approved.name);
    });

    it('sends a strong ETag and private caching; If-None-Match answers 304 without a body until the list changes', async () => {
      const first = await api.as(portalKey).get(embedPath(school.slug)).expect(200);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers['cache-control']).toBe('private, max-age=60');
      expect(first.headers.vary).toMatch(/Authorization/);
      expect(first.headers.vary).toMatch(/Origin/);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');

      const unchanged = await api.as(portalKey).get(embedPath(school.slug)).set('If-None-Match', etag).expect(304);
      expect(unchanged.text ?? '').toBe('');
      expect(unchanged.headers.etag).toBe(etag);
      expect(unchanged.headers['cache-control']).toBe('private, max-age=60');
      await api.as(portalKey).get(embedPath(school.slug)).set('If-None-Match', `"other", W/${etag}`).expect(304);
      // Another language is another body, so another tag.
      await api.as(portalKey).get(embedPath(school.slug, '?lang=en')).set('If-None-Match', etag).expect(200);

      await decide(approvedLaterMatchId, 'approved');
      const changed = await api.as(portalKey).get(embedPath(school.slug)).set('If-None-Match', etag).expect(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.items.map((item: { candidate: { id: string } }) => item.candidate.id)).toContain(decided.approvedLater.id);
    });

    it('limits the list to `limit` items and keeps `total`', async () => {
      const one = await embedJson(school.slug, '?limit=1');
      expect(one.items).toHaveLength(1);
      expect(one.total).toBe(3);
      expect(one.items[0].rank).toBe((await embedJson(school.slug)).items[0].rank);
    });

    it('answers 404 for an unknown partner and 400 naming the field for a bad lang or limit', async () => {
      const missing = await api.as(portalKey).get(embedPath('bestaat-niet')).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      for (const [field, query] of [
        ['lang', '?lang=de'],
        ['limit', '?limit=0'],
        ['limit', '?limit=21'],
        ['limit', '?limit=vijf'],
        ['view', '?view=team'],
      ]) {
        const response = await api.as(portalKey).get(embedPath(school.slug, query)).expect(400);
        expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      }
    });

    it('is documented with its parameters, 200 with cache headers, 304 and problems', () => {
      const operation = api.openApi.paths['/v1/embed/partners/{slug}/suggestions'].get!;
      const parameters = (operation.parameters ?? []) as { name: string; in: string }[];
      expect(parameters.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual(['header:If-None-Match', 'path:slug', 'query:lang', 'query:limit', 'query:purpose']);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404', '503']));
      const ok = operation.responses['200'] as { headers: Record<string, unknown> };
      expect(Object.keys(ok.headers)).toEqual(expect.arrayContaining(['ETag', 'Cache-Control']));
    });
  });

  describe('/embed/widget.js and /embed/demo', () => {
    it('serves the widget without a key, as JavaScript that other origins may load, with cache headers', async () => {
      const response = await api.as(null).get('/embed/widget.js').expect(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.text).toContain("customElements.define('partner-suggestions'");
      await api.as(null).get('/embed/widget.js').set('If-None-Match', response.headers.etag).expect(304);
    });

    it('serves the same file from the built API (nest build copies it as an asset)', async () => {
      const source = readFileSync(join(__dirname, '..', 'apps/api/src/embed/assets/partner-suggestions.js'), 'utf8');
      const built = await startApi(serviceEnv(api.database.url));
      try {
        const response = await fetch(`${built.baseUrl}/embed/widget.js`);
        expect(response.status).toBe(200);
        await expect(response.text()).resolves.toBe(source);
      } finally {
        await built.service.stop();
      }
    });

    it('escapes what the query puts into the demo page, and shows only the snippet and the form without a partner', async () => {
      const hostile = '"><img src=x onerror=alert(1)>';
      const page = await api.as(null).get(`/embed/demo?partner=${school.slug}&key=${encodeURIComponent(hostile)}`).expect(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).not.toContain('<img');
      expect(page.text).toContain('api-key="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
      expect(page.text).not.toMatch(/<script>|<script\s+(?!src=)/);

      const empty = await api.as(null).get('/embed/demo').expect(200);
      expect(empty.text).not.toContain('<partner-suggestions');
      expect(empty.text).toContain('&lt;partner-suggestions partner=&quot;slug-van-de-partner&quot;');
      expect(empty.text).toContain('<form method="get" action="/embed/demo">');
      const badSlug = await api.as(null).get('/embed/demo?partner=%3Cb%3E').expect(400);
      expect(badSlug.body.errors[0].field).toBe('partner');
    });
  });

  describe('in Debian chromium', () => {
    let browser: Browser;
    let page: Page;

    const cards = () => page.locator('partner-suggestions article');
    const openDemo = async (query: string) => {
      await page.goto(`${origin}/embed/demo?${query}`);
    };

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium); see DEVELOPERS.md`);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      // A failed fetch is logged by the browser itself; the error-state test causes one on purpose.
      page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()));
      (page as Page & { problems?: string[] }).problems = problems;
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('renders the approved suggestions as the embed API lists them, with list, headings, live status and focusable links', async () => {
      await openDemo(`partner=${school.slug}&key=${encodeURIComponent(portalKey)}&lang=nl`);
      const expected = await embedJson(school.slug, '?lang=nl&limit=5');
      await cards().first().waitFor();
      await expect(page.locator('partner-suggestions h3').allTextContents()).resolves.toEqual(expected.items.map((item) => item.candidate.name));
      const reasons = await cards().evaluateAll((articles) => articles.map((article) => [...article.querySelectorAll('ul li')].map((li) => li.textContent)));
      expect(reasons).toEqual(expected.items.map((item) => item.reasons.map((reason) => reason.text)));
      const meta = await page.locator('partner-suggestions .meta').allTextContents();
      expect(meta.map((line) => line.split(' · ')[0])).toEqual(expected.items.map((item) => item.candidate.sectorLabel));

      const shownNames = await page.locator('partner-suggestions h3').allTextContents();
      expect(shownNames).not.toContain(decided.pending.name);
      expect(shownNames).not.toContain(decided.rejected.name);

      await expect(page.getByRole('heading', { level: 2, name: 'Partners om mee samen te werken' }).count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { level: 3 }).count()).resolves.toBe(expected.items.length);
      const list = page.locator('partner-suggestions ul.cards');
      await expect(list.getAttribute('role')).resolves.toBe('list');
      await expect(list.locator(':scope > li').count()).resolves.toBe(expected.items.length);
      const status = page.locator('partner-suggestions [role="status"]');
      await expect(status.getAttribute('aria-live')).resolves.toBe('polite');
      await expect(status.textContent()).resolves.toBe(`${expected.items.length} suggesties`);
      await expect(page.locator('partner-suggestions').getAttribute('aria-busy')).resolves.toBeNull();

      // Keyboard: from the form's button, Tab goes into the widget's first card link.
      await page.locator('form button').focus();
      await page.keyboard.press('Tab');
      const firstLink = page.locator('partner-suggestions article a').first();
      await expect(firstLink.textContent()).resolves.toBe(expected.items[0].candidate.name);
      await expect(firstLink.evaluate((link) => link.matches(':focus'))).resolves.toBe(true);
      expect((page as Page & { problems?: string[] }).problems).toEqual([]);
    });

    it('switches to English: heading, status and reasons; and saves a screenshot', async () => {
      await openDemo(`partner=${school.slug}&key=${encodeURIComponent(portalKey)}&lang=en`);
      const expected = await embedJson(school.slug, '?lang=en');
      await cards().first().waitFor();
      await expect(page.getByRole('heading', { level: 2, name: 'Partners to work with' }).count()).resolves.toBe(1);
      await expect(page.locator('partner-suggestions [role="status"]').textContent()).resolves.toBe(`${expected.items.length} suggestions`);
      const reasons = await page.locator('partner-suggestions ul.reasons').first().locator('li').allTextContents();
      expect(reasons).toEqual(expected.items[0].reasons.map((reason) => reason.text));
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(existsSync(SCREENSHOT)).toBe(true);
    });

    it('announces an empty list and a failed load in the live status region', async () => {
      await openDemo(`partner=${decided.pending.slug}&key=${encodeURIComponent(portalKey)}`);
      const status = page.locator('partner-suggestions [role="status"]');
      await eventually(() => status.textContent(), (text) => text === 'Er zijn nog geen goedgekeurde suggesties.');
      await expect(cards().count()).resolves.toBe(0);

      await openDemo(`partner=bestaat-niet&key=${encodeURIComponent(portalKey)}&lang=en`);
      await eventually(() => status.textContent(), (text) => text === 'The suggestions could not be loaded.');
      await expect(page.locator('partner-suggestions').getAttribute('data-state')).resolves.toBe('error');
    });
  });

  describe('on a portal page of another origin, in Debian chromium', () => {
    let browser: Browser;
    let portal: Server;
    let portalOrigin: string;
    /** Renders the snippet exactly as a partner's website would hold it. */
    const portalPage = (slug: string, key: string) => `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Portal</title></head>
<body><h1>${slug}</h1>
<script src="${origin}/embed/widget.js" defer></script>
<partner-suggestions partner="${slug}" api-key="${key}" lang="nl" limit="5"></partner-suggestions>
</body></html>`;

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium); see DEVELOPERS.md`);
      portal = createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://portal');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalPage(url.searchParams.get('partner') ?? '', url.searchParams.get('key') ?? ''));
      });
      await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
      portalOrigin = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    });

    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => portal?.close(resolve));
    });

    it('loads the widget from the API origin and reads the list with a key registered for the portal origin only', async () => {
      const key = (await api.http().post('/v1/api-keys').send({ name: 'Portal elsewhere', role: 'portal', allowedOrigins: [portalOrigin] }).expect(201)).body.key;
      const page = await browser.newPage();
      await page.goto(`${portalOrigin}/?partner=${decided.introduced.slug}&key=${encodeURIComponent(key)}`);
      const expected = await embedJson(decided.introduced.slug);
      await page.locator('partner-suggestions article').first().waitFor();
      await expect(page.locator('partner-suggestions h3').allTextContents()).resolves.toEqual(expected.items.map((item) => item.candidate.name));

      await page.close();

      // The first portal key names only the API's own origin, so this page may not read with it.
      // A context of its own: the server's CORS answer is under test, not the browser's cache
      // of the list it was just allowed to read.
      const stranger = await browser.newContext();
      const refused = await stranger.newPage();
      await refused.goto(`${portalOrigin}/?partner=${decided.introduced.slug}&key=${encodeURIComponent(portalKey)}`);
      const status = refused.locator('partner-suggestions [role="status"]');
      await eventually(() => status.textContent(), (text) => text === 'De suggesties konden niet worden geladen.');
      await expect(refused.locator('partner-suggestions article').count()).resolves.toBe(0);
      await stranger.close();
    });
  });

  it('gives a partner that opted out of matching an empty public list', async () => {
    await api.http().patch(`/v1/partners/${school.slug}`).send({ matchingOptOut: true }).expect(200);
    const list = await embedJson(school.slug);
    expect(list.items).toEqual([]);
    expect(list.total).toBe(0);
    await eventually(
      async () => (await embedJson(decided.introduced.slug)).items.map((item) => item.candidate.id),
      (ids) => !ids.includes(school.id),
    );
  });
});
