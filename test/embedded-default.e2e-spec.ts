import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/api-keys';
import { BUILT_API, freePort, getJson, isCleanStop, ROOT, startBuiltService, type BuiltService } from './support/built-service';
import { eventually } from './support/eventually';
import { onePatchPerField, partnerBody } from './support/partner-fixtures';

/** The embedded default as a user runs it: the built API, no DATABASE_URL, a fresh data directory. */
describe('embedded default (built app, PGlite, demo data)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnermatch-embedded-'));
  let service: BuiltService | undefined;

  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Generated and printed at the first start, when ADMIN_API_KEY is not set.
  let adminKey = '';

  const start = async (): Promise<string> => {
    const port = await freePort();
    service = startBuiltService(BUILT_API, { PORT: String(port), DATA_DIR: dataDir });
    // The first start migrates and seeds; on a busy machine that can take minutes.
    await service.waitForOutput('API on', 150_000);
    adminKey ||= /shown this once: (pm_[\w-]+)/.exec(service.output())?.[1] ?? '';
    return `http://127.0.0.1:${port}`;
  };

  it('starts with no services, prints a generated admin key, seeds about 300 demo partners and serves them', async () => {
    const base = await start();
    expect(adminKey).toMatch(/^pm_[\w-]{32}$/);
    expect((await getJson(`${base}/v1/partners`, {})).status).toBe(401);
    const { status, body } = await getJson(`${base}/v1/partners?limit=500`, bearer(adminKey));
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(300);
    expect(body.items.length).toBe(body.total);
    const sectors = new Set(body.items.map((partner: { sector: string }) => partner.sector));
    expect(sectors.size).toBe(8);
    expect(service!.output()).toMatch(/Seeded 300 demo partners and \d+ connections/);
    const { body: connections } = await getJson(`${base}/v1/connections?limit=1`, bearer(adminKey));
    expect(connections.total).toBeGreaterThan(50);
  }, 400_000);

  it('keeps its data in DATA_DIR across a restart and does not seed twice', async () => {
    const base = await start();
    const created = await fetch(`${base}/v1/partners`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(adminKey) },
      body: JSON.stringify({ name: 'Blijft Bestaan', sector: 'gemeente', scope: 'local', gemeenten: ['GM0363'] }),
    });
    expect(created.status).toBe(201);
    expect(isCleanStop(await service!.stop())).toBe(true);

    const again = await start();
    const { body } = await getJson(`${again}/v1/partners?limit=500`, bearer(adminKey));
    expect(body.total).toBe(301);
    expect((await fetch(`${again}/v1/partners/blijft-bestaan`, { headers: bearer(adminKey) })).status).toBe(200);
    expect(service!.output()).not.toContain('Seeded');
    expect(service!.output()).not.toContain('shown this once');
  }, 400_000);

  it('keeps every field of 20 parallel PATCHes of one partner, and refuses a stale If-Match with 412', async () => {
    const base = await start();
    const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...bearer(adminKey), ...headers }, body: JSON.stringify(body) });
    // The first start computes everyone's suggestions on the one embedded connection; edits wait for it.
    await eventually(
      async () => (await getJson(`${base}/v1/matching/runs?limit=1`, bearer(adminKey))).body as { items?: { status: string }[] },
      (runs) => runs.items?.[0]?.status === 'completed',
      90_000,
    );
    const created = await send('POST', '/v1/partners', partnerBody({ name: 'Gelijktijdig Gewijzigd' }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patches = onePatchPerField(1);
    const requests = [...patches, ...patches.slice(0, 8)];
    const responses = await Promise.all(requests.map((body) => send('PATCH', `/v1/partners/${id}`, body)));
    expect(responses.map((response) => response.status)).toEqual(requests.map(() => 200));
    const { body: stored } = await getJson(`${base}/v1/partners/${id}`, bearer(adminKey));
    for (const patch of patches) expect({ [Object.keys(patch)[0]]: stored[Object.keys(patch)[0]] }).toEqual(patch);

    const etag = (await fetch(`${base}/v1/partners/${id}`, { headers: bearer(adminKey) })).headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await send('PATCH', `/v1/partners/${id}`, { description: 'Eerste' }, { 'if-match': etag })).status).toBe(200);
    const stale = await send('PATCH', `/v1/partners/${id}`, { description: 'Tweede' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(((await getJson(`${base}/v1/partners/${id}`, bearer(adminKey))).body as { description: string }).description).toBe('Eerste');
  }, 150_000);

  it('analyzes the review queue\'s tables after a run and keeps only the active run\'s partition', () => {
    // The data directory as the test above left it (stopped after the start-up run completed),
    // read by PGlite in a node of its own: its WebAssembly loader does not run inside Jest's VM.
    const read = `
      const { PGlite } = require('@electric-sql/pglite');
      (async () => {
        const database = await PGlite.create(process.argv[1]);
        const partitions = (await database.query("SELECT c.relname, c.reltuples FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'suggestion'::regclass")).rows;
        const match = (await database.query("SELECT reltuples FROM pg_class WHERE relname = 'match'")).rows[0];
        const rows = (await database.query('SELECT count(*)::int AS count FROM suggestion')).rows[0].count;
        await database.close();
        console.log(JSON.stringify({ partitions, match, rows }));
      })();`;
    const folder = existsSync(join(dataDir, 'PG_VERSION')) ? dataDir : join(dataDir, 'postgres');
    const output = execFileSync(process.execPath, ['-e', read, folder], { cwd: ROOT, encoding: 'utf8' });
    const { partitions, match, rows } = JSON.parse(output.trim().split('\n').pop()!) as {
      partitions: { relname: string; reltuples: number }[];
      match: { reltuples: number };
      rows: number;
    };
    // reltuples stays -1 until a VACUUM or ANALYZE counts the rows: PGlite runs no autovacuum.
    expect(partitions).toHaveLength(1);
    expect(partitions[0].reltuples).toBeGreaterThan(rows * 0.9);
    expect(match.reltuples).toBeGreaterThan(100);
  }, 60_000);

  it('refuses to start on a wrong setting, naming the variable', async () => {
    service = startBuiltService(BUILT_API, { PORT: 'zeventig', DATA_DIR: dataDir });
    expect((await service.exited).code).toBe(1);
    expect(service.output()).toContain('PORT');
  }, 30_000);
});
