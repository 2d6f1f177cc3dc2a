import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_API, freePort, startBuiltService, type BuiltService } from './support/built-service';

/** One embedded process per DATA_DIR, as a user meets it: two built APIs on one folder. */
describe('one process per data folder (built app, embedded database)', () => {
  const root = mkdtempSync(join(tmpdir(), 'partnermatch-lock-'));
  const services: BuiltService[] = [];

  const start = async (dataDir: string, as?: { uid: number; gid: number }): Promise<BuiltService> => {
    const service = startBuiltService(BUILT_API, { PORT: String(await freePort()), DATA_DIR: dataDir, SEED_DEMO_DATA: 'false' }, { as });
    services.push(service);
    return service;
  };

  /** The start-up refusal: exit code 1 with a single line and no stack trace. */
  const expectOneLineRefusal = async (service: BuiltService): Promise<string> => {
    expect((await service.exited).code).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
    return lines[0];
  };

  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a second process at once, naming the folder and the first process, and frees the folder when the first stops', async () => {
    const dataDir = join(root, 'shared');
    const first = await start(dataDir);
    await first.waitForOutput('API on', 120_000);
    const firstUrl = /API on (http:\/\/\S+)/.exec(first.output())![1];

    const began = Date.now();
    const second = await start(dataDir);
    const line = await expectOneLineRefusal(second);
    const refusedInMs = Date.now() - began;
    // Before Nest or the database starts (the one-line check shows no Nest log); on a quiet
    // machine about a second, mostly Node loading the modules.
    console.log(`second process refused in ${refusedInMs} ms: ${line}`);
    expect(line).toContain(`DATA_DIR=${dataDir}`);
    expect(line).toContain(`pid ${first.process.pid}`);
    const owner = JSON.parse(readFileSync(join(dataDir, 'partnermatch.lock'), 'utf8'));
    expect(line).toContain(`started ${owner.startedAt}`);
    expect((await fetch(`${firstUrl}/health/live`)).status).toBe(200);

    await first.stop();
    expect(existsSync(join(dataDir, 'partnermatch.lock'))).toBe(false);
    const third = await start(dataDir);
    await third.waitForOutput('API on', 120_000);
  }, 300_000);

  it('takes over the lock of a process that no longer runs', async () => {
    const dataDir = join(root, 'stale');
    const first = await start(dataDir);
    await first.waitForOutput('API on', 120_000);
    await first.stop();
    // A pid that surely ran and is gone: a finished child of this test.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dataDir, 'partnermatch.lock'), JSON.stringify({ pid: Number(gone), hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));

    const next = await start(dataDir);
    await next.waitForOutput('API on', 120_000);
    expect(JSON.parse(readFileSync(join(dataDir, 'partnermatch.lock'), 'utf8')).pid).toBe(next.process.pid);
  }, 300_000);

  it('says in one line, naming DATA_DIR, when DATA_DIR is a file', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    const line = await expectOneLineRefusal(await start(file));
    expect(line).toBe(`DATA_DIR=${file} is not a folder; point DATA_DIR at a folder (it is created if missing)`);
  }, 30_000);

  it('says in one line, naming DATA_DIR, when DATA_DIR cannot be written', async () => {
    const readOnly = join(root, 'read-only');
    rmSync(readOnly, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', readOnly]);
    chmodSync(root, 0o755);
    chmodSync(readOnly, 0o555);
    // root may write anywhere: run the app as nobody then, as a real user would be refused.
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const line = await expectOneLineRefusal(await start(readOnly, as));
    expect(line).toMatch(new RegExp(`^DATA_DIR=${readOnly} cannot be written \\(EACCES\\)`));
  }, 30_000);
});
