import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A built app running as a child process, its output kept with a timestamp on every line. */
export interface ChildService {
  readonly name: string;
  output(): string;
  /** Throws with the output when the process is gone: a benchmark against a dead service means nothing. */
  assertRunning(): void;
  /** The first line that contains `text` or matches it, once printed. */
  waitForLine(text: string | RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startChildService(name: string, entry: string, env: Record<string, string>, nodeOptions: string[] = []): ChildService {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [...nodeOptions, entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  child.stdout.on('data', timestampedLinesInto(lines));
  child.stderr.on('data', timestampedLinesInto(lines));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const output = () => lines.join('\n');

  return {
    name,
    output,
    assertRunning() {
      if (!isRunning()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}); output:\n${output()}`);
    },
    async waitForLine(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const matches = (line: string) => (typeof text === 'string' ? line.includes(text) : text.test(line));
      for (;;) {
        const line = lines.find(matches);
        if (line !== undefined) return line;
        this.assertRunning();
        if (Date.now() > deadline) throw new Error(`${name} did not print ${String(text)} within ${timeoutMs} ms; output:\n${output()}`);
        await sleep(25);
      }
    },
    async stop(graceMs = 5000) {
      if (!isRunning()) return;
      child.kill('SIGTERM');
      const killLater = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killLater);
    },
  };
}

/** Millisecond timestamps line the services' logs up with the benchmark's own clock. */
function timestampedLinesInto(lines: string[]): (chunk: Buffer) => void {
  let unfinishedLine = '';
  return (chunk) => {
    const parts = (unfinishedLine + chunk.toString()).split('\n');
    unfinishedLine = parts.pop() ?? '';
    for (const line of parts) lines.push(`${new Date().toISOString()} ${line}`);
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
