import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bearer } from './api-keys';

const ROOT = join(__dirname, '..', '..');
export const BUILT_API = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const BUILT_WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Nest re-raises SIGTERM after its shutdown hooks ran, so either form is a clean stop. */
export function isCleanStop(exit: Exit): boolean {
  return exit.code === 0 || exit.signal === 'SIGTERM';
}

export interface BuiltService {
  process: ChildProcess;
  output: () => string;
  /** Resolves when the output contains `text`; rejects if the process exits first. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then how the process ended. */
  stop(): Promise<Exit>;
  exited: Promise<Exit>;
}

/**
 * Runs a built app (`npm run build` first, as `npm test` does) the way a user does,
 * with only the given variables on top of PATH and HOME.
 */
export function startBuiltService(entry: string, env: Record<string, string>, as?: { uid: number; gid: number }): BuiltService {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    ...as,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // A process that cannot be spawned (EACCES, ENOENT) emits 'error' and never 'exit'.
  let spawnFailed = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      spawnFailed = true;
      output += `could not start ${process.execPath}: ${error.message}\n`;
      resolve({ code: null, signal: null });
    });
  });
  return {
    process: child,
    output: () => output,
    exited,
    waitForOutput: (text, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
        const started = Date.now();
        const poll = setInterval(() => {
          if (matches()) {
            clearInterval(poll);
            resolve();
          } else if (child.exitCode !== null || spawnFailed || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`waited for ${String(text)}; exit code ${child.exitCode}; output:\n${output}`));
          }
        }, 50);
      }),
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A GET with the test admin key (public routes ignore it). */
export async function getJson<T = any>(url: string, headers: Record<string, string> = bearer()): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
