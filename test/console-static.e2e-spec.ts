import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_DIST, ensureConsoleBuilt } from './support/console-browser';
import { startTestApp, type TestApp } from './support/test-app';

const INDEX = '<!doctype html><html lang="nl"><head><script type="module" src="/console/assets/index-Bx7f3k.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("console");';

/** The built console as the API serves it, from a directory laid out as vite builds it (CONSOLE_DIR). */
describe('serving the team console at /console/', () => {
  let api: TestApp;
  let work: string;
  let dir: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'pm-console-'));
    dir = join(work, 'console');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-Bx7f3k.js'), SCRIPT);
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.vite', 'manifest.json'), '{}');
    process.env.CONSOLE_DIR = dir;
    api = await startTestApp('console_static');
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    delete process.env.CONSOLE_DIR;
    rmSync(work, { recursive: true, force: true });
  });

  const get = (url: string) => api.as(null).get(url);

  it('redirects / and /console to /console/', async () => {
    expect((await get('/').expect(302)).headers.location).toBe('/console/');
    expect((await get('/console').expect(302)).headers.location).toBe('/console/');
    expect((await get('/console?lang=en').expect(302)).headers.location).toBe('/console/?lang=en');
  });

  it('serves index.html, not cached, under a CSP that allows the app itself and no inline script', async () => {
    const response = await get('/console/').expect(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toBe(INDEX);
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = Object.fromEntries((response.headers['content-security-policy'] as string).split(';').map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['style-src']).toContain("'self'");
    expect(csp['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:']));
  });

  it.each(['/console/pairs/5b0f7c1e-3f47-4d2a-9a57-6f0d1b3c2e10', '/console/review?province=PV26', '/console/partners/voedselbank-utrecht/', '/console/index.html'])(
    'answers the deep link %s with the app (SPA fallback)',
    async (url) => {
      const response = await get(url).expect(200);
      expect(response.text).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves the hashed assets for good and answers a missing one 404, not with the page', async () => {
    const script = await get('/console/assets/index-Bx7f3k.js').expect(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.text).toBe(SCRIPT);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const favicon = await get('/console/favicon.svg').expect(200);
    expect(favicon.headers['cache-control']).toBe('no-cache');
    const missing = await get('/console/assets/index-old.js').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('never serves a file outside the console directory, nor its dot-files; a malformed path is no 500', async () => {
    for (const url of ['/console/%E0%A4%A', '/console/..%2F..%2Fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/.vite/manifest.json', '/console/..%5Cpackage.json']) {
      const response = await get(url);
      expect([200, 400, 404]).toContain(response.status);
      if (response.status === 200) expect(response.text).toBe(INDEX);
    }
  });

  it('still answers unknown API routes with a JSON 404 problem', async () => {
    for (const url of ['/v1/bestaat-niet', '/v1/console', '/consoles']) {
      const response = await api.http().get(url).expect(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 503 "the console is not built" while there is no build, and serves it once there is', async () => {
    renameSync(dir, `${dir}-away`);
    try {
      const response = await get('/console/pairs/x').expect(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toBe('the console is not built: run npm run build');
      await get('/').expect(302);
    } finally {
      renameSync(`${dir}-away`, dir);
    }
    await get('/console/').expect(200);
  });
});

describe('the console as vite builds it (npm run build)', () => {
  it('loads only its own files from /console/assets/ and has no inline script, so the CSP holds', () => {
    ensureConsoleBuilt();
    const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/console\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((found) => found[1]);
    expect(references.filter((reference) => !reference.startsWith('/console/assets/'))).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
