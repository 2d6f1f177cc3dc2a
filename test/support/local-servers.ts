import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './built-service';

const run = promisify(execFile);

/** PostgreSQL's server binaries; Debian keeps them off PATH, under the major version. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const newest = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!newest) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql; set PG_BIN');
  return join(root, newest, 'bin');
}

/**
 * Runs a PostgreSQL binary, as the `postgres` system user when the tests run as root:
 * initdb and postgres refuse to run as root.
 */
async function runPostgresTool(bin: string, tool: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]);
  else await run(join(bin, tool), args);
}

/** A server of one's own that a test may stop and start again; the shared ones stay untouched. */
export interface LocalServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server if it runs and deletes its files. */
  remove(): Promise<void>;
}

/** A throwaway PostgreSQL cluster (trust auth, user postgres) on a free loopback port. */
export async function startLocalPostgres(): Promise<LocalServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'pm-faults-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(stdout.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let running = false;
  const pgCtl = (...args: string[]) => runPostgresTool(bin, 'pg_ctl', ['-D', data, ...args]);
  const server: LocalServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      await pgCtl('-o', options, '-l', join(dir, 'server.log'), '-w', 'start');
      running = true;
    },
    stop: async () => {
      await pgCtl('-m', 'fast', '-w', 'stop');
      running = false;
    },
    remove: async () => {
      if (running) await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await runPostgresTool(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await server.start();
    return server;
  } catch (error) {
    await server.remove();
    throw error;
  }
}

/** A redis-server without persistence on a free loopback port; a restart comes back empty. */
export async function startLocalRedis(): Promise<LocalServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const server: LocalServer = {
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      await new Promise<void>((resolve, reject) => {
        let output = '';
        started.stdout!.on('data', (chunk) => {
          output += chunk;
          if (output.includes('Ready to accept connections')) resolve();
        });
        started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
      });
    },
    stop: async () => {
      const stopping = child;
      child = null;
      if (!stopping || stopping.exitCode !== null) return;
      const exited = new Promise((resolve) => stopping.once('exit', resolve));
      stopping.kill('SIGTERM');
      await exited;
    },
    remove: () => server.stop(),
  };
  await server.start();
  return server;
}
