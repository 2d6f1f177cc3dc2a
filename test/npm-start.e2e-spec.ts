import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/built-service';

const ROOT = join(__dirname, '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(text: string, timeoutMs: number): Promise<void>;
}

/** `npm start` exactly as a user types it, with only the given variables besides PATH and HOME. */
function npmStart(env: Record<string, string>): Started {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (text, timeoutMs) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (output.includes(text)) {
            clearInterval(poll);
            resolve();
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`waited for ${text}; exit code ${child.exitCode}; output:\n${output}`));
          }
        }, 50);
      }),
  };
}

/** True when nothing listens on the port any more (we may bind it ourselves). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('npm start (the launcher: build when needed, signals reach the server)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnermatch-start-'));
  let running: Started | undefined;

  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    running = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const startAndStop = async (): Promise<{ output: string; servedInMs: number }> => {
    const port = await freePort();
    const began = Date.now();
    running = npmStart({ PORT: String(port), DATA_DIR: dataDir, SEED_DEMO_DATA: 'false' });
    // A first start after a bare `nest build` (no stamp) builds, which takes a minute or two here.
    await running.waitFor('API on', 300_000);
    const servedInMs = Date.now() - began;
    // The embedded default listens on loopback only, and says so.
    expect(running.output()).toContain(`API on http://127.0.0.1:${port} (embedded PostgreSQL in ${dataDir})`);
    expect(await portIsFree(port)).toBe(false);

    // SIGTERM to the npm process, as `kill <pid of npm start>` sends it.
    running.child.kill('SIGTERM');
    await running.exited;
    expect(await portIsFree(port)).toBe(true);
    return { output: running.output(), servedInMs };
  };

  it('starts without building when nothing changed since the last build, and SIGTERM to npm start frees the port', async () => {
    await startAndStop();
    const { output, servedInMs } = await startAndStop();
    console.log(`npm start with no source change: serving after ${servedInMs} ms`);
    expect(output).toContain('npm start: the build is current, no build needed');
    expect(output).not.toContain('running npm run build');
  }, 600_000);
});
