import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { bearer } from './api-keys';

/** The checkout: the nearest folder with a package.json (from test/support, or from dist-bench/test/support in a benchmark). */
export const ROOT = projectRoot(__dirname);
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
  /** What the process is, in messages (the entry's file name unless given). */
  readonly name: string;
  process: ChildProcess;
  /** Everything it printed, as printed. */
  output: () => string;
  /** The same lines, each with the time it arrived: lines up a service's log with the caller's clock. */
  timestampedOutput: () => string;
  /** Resolves when the output contains `text`; rejects if the process exits first. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The first line that contains `text` or matches it, once printed; rejects if the process exits first. */
  waitForLine(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Throws with the output when the process is gone: a measurement against a dead service means nothing. */
  assertRunning(): void;
  /** SIGTERM, then how the process ended; with `killAfterMs`, SIGKILL when it has not ended by then. */
  stop(killAfterMs?: number): Promise<Exit>;
  exited: Promise<Exit>;
}

export interface BuiltServiceOptions {
  name?: string;
  /** Run as another user (tests of file permissions). */
  as?: { uid: number; gid: number };
  /** Flags for node itself, e.g. `--cpu-prof`. */
  nodeOptions?: string[];
}

/**
 * Runs a built app (`npm run build` first, as `npm test` does) the way a user does,
 * with only the given variables on top of PATH and HOME.
 */
export function startBuiltService(entry: string, env: Record<string, string>, options: BuiltServiceOptions = {}): BuiltService {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  const name = options.name ?? basename(entry);
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), entry], {
    cwd: ROOT,
    ...options.as,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const lines = new TimestampedLines();
  const keep = (chunk: Buffer) => {
    output += chunk;
    lines.add(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
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
  const ended = () => child.exitCode !== null || child.signalCode !== null || spawnFailed;
  const waitFor = <T>(text: string | RegExp, timeoutMs: number, found: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const value = found();
        if (value !== undefined) {
          clearInterval(poll);
          resolve(value);
        } else if (ended() || Date.now() - started > timeoutMs) {
          clearInterval(poll);
          reject(new Error(`${name}: waited for ${String(text)}; exit code ${child.exitCode}; output:\n${output}`));
        }
      }, 50);
    });
  const matches = (text: string | RegExp, within: string) => (typeof text === 'string' ? within.includes(text) : text.test(within));
  return {
    name,
    process: child,
    output: () => output,
    timestampedOutput: () => lines.text(),
    exited,
    waitForOutput: (text, timeoutMs = 30_000) => waitFor(text, timeoutMs, () => (matches(text, output) ? true : undefined)).then(() => undefined),
    waitForLine: (text, timeoutMs = 30_000) => waitFor(text, timeoutMs, () => output.split('\n').find((line) => matches(text, line))),
    assertRunning: () => {
      if (ended()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}); output:\n${output}`);
    },
    stop: async (killAfterMs) => {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
      const killLater = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const exit = await exited;
      clearTimeout(killLater);
      return exit;
    },
  };
}

/** Output cut into lines, each stamped with the time its end arrived. */
class TimestampedLines {
  private readonly lines: string[] = [];
  private unfinished = '';

  add(chunk: Buffer): void {
    const parts = (this.unfinished + chunk.toString()).split('\n');
    this.unfinished = parts.pop() ?? '';
    for (const line of parts) this.lines.push(`${new Date().toISOString()} ${line}`);
  }

  text(): string {
    return [...this.lines, ...(this.unfinished ? [`${new Date().toISOString()} ${this.unfinished}`] : [])].join('\n');
  }
}

/** A GET with the test admin key (public routes ignore it). */
export async function getJson<T = any>(url: string, headers: Record<string, string> = bearer()): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * A port nothing listens on, for a server the test starts next. Taken below the kernel's ephemeral
 * range (32768 and up here): a port the kernel hands out for `listen(0)` can be taken by any
 * outgoing connection (to PostgreSQL, Redis, …) before our server binds it, which CI saw as
 * EADDRINUSE. Each jest worker draws from its own block, and a process never hands a port out twice.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.JEST_WORKER_ID ?? 0) % PORT_BLOCKS;
  const first = FIRST_TEST_PORT + worker * PORT_BLOCK_SIZE;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = first + Math.floor(Math.random() * PORT_BLOCK_SIZE);
    if (handedOutPorts.has(port)) continue;
    if (await canListen(port)) {
      handedOutPorts.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${first} and ${first + PORT_BLOCK_SIZE - 1}`);
}

const FIRST_TEST_PORT = 20_000;
const PORT_BLOCK_SIZE = 1_000;
const PORT_BLOCKS = 12; // 20000–31999, below the ephemeral range
const handedOutPorts = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function projectRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}
