import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process per embedded data folder: PGlite keeps the whole database in memory and writes
 * it back on its own schedule, so two processes on one folder silently lose each other's
 * writes. The lock is a file created with O_EXCL holding the owner's pid; a lock whose pid no
 * longer runs (the owner was killed) is taken over.
 *
 * No lock library is installed (proper-lockfile and the like are not dependencies) and this
 * needs only O_EXCL, link() and a signal-0 liveness check, which hold on every local file
 * system Node supports; mtime-refreshing locks such as proper-lockfile would add a timer to
 * every process for the network-folder case we do not support.
 */
export const LOCK_FILE = 'partnermatch.lock';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** A one-line message naming DATA_DIR: start-up prints it without a stack trace. */
export class DataDirError extends Error {}

const held = new Map<string, DataDirLock>();

export class DataDirLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly dataDir: string,
    readonly path: string,
  ) {
    // A crash or process.exit() skips shutdown hooks; the lock must not outlive the process.
    process.once('exit', this.onExit);
  }

  /**
   * Claims `dataDir` (an absolute path) for this process, creating the folder if needed.
   * Idempotent within a process, so start-up can check early and the database claim again.
   */
  static acquire(dataDir: string): DataDirLock {
    const existing = held.get(dataDir);
    if (existing) return existing;
    ensureWritableFolder(dataDir);
    const path = join(dataDir, LOCK_FILE);
    const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    // Two rounds: a stale lock is moved aside once, then the claim is retried.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (tryCreate(path, me, dataDir)) {
        const lock = new DataDirLock(dataDir, path);
        held.set(dataDir, lock);
        return lock;
      }
      const owner = readOwner(path);
      if (owner && isAlive(owner)) throw inUse(dataDir, owner, path);
      takeOverStale(path, dataDir);
    }
    const owner = readOwner(path);
    throw owner ? inUse(dataDir, owner, path) : new DataDirError(`DATA_DIR=${dataDir} is being claimed by another process at the same moment; try again`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.dataDir);
    process.removeListener('exit', this.onExit);
    try {
      if (readOwner(this.path)?.pid === process.pid) unlinkSync(this.path);
    } catch {
      // Already gone (deleted by hand): nothing to release.
    }
  }
}

function ensureWritableFolder(dataDir: string): void {
  const stats = statOrNull(dataDir);
  if (stats && !stats.isDirectory()) throw new DataDirError(`DATA_DIR=${dataDir} is not a folder; point DATA_DIR at a folder (it is created if missing)`);
  if (!stats) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new DataDirError(`DATA_DIR=${dataDir} cannot be created (${describe(error)}); point DATA_DIR at a folder this user may write`);
    }
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DataDirError(`DATA_DIR=${path} cannot be read (${describe(error)})`);
  }
}

/** O_EXCL: exactly one process creates the file; false when it exists. */
function tryCreate(path: string, owner: LockOwner, dataDir: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new DataDirError(`DATA_DIR=${dataDir} cannot be written (${describe(error)}); point DATA_DIR at a folder this user may write`);
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    // Missing, or half-written by an owner killed between open and write: treated as stale.
    return null;
  }
}

/**
 * Signal 0 tests for a process without touching it. Our own pid in the file is a previous
 * run's (a container restarts as pid 1 again). Another host's pid cannot be checked, so it
 * counts as alive and the message says how to clear it.
 */
function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale file aside with rename (atomic), then checks what it moved: if a racing
 * process had just claimed the folder, its lock is put back with link(), which like O_EXCL
 * fails rather than overwrite a newer claim.
 */
function takeOverStale(path: string, dataDir: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new DataDirError(`DATA_DIR=${dataDir} cannot be written (${describe(error)}); point DATA_DIR at a folder this user may write`);
  }
  const moved = readOwner(aside);
  if (moved && isAlive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process claimed it meanwhile; its lock stands.
    }
  }
  unlinkSync(aside);
}

function inUse(dataDir: string, owner: LockOwner, path: string): DataDirError {
  const where = owner.hostname === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on host ${owner.hostname}`;
  return new DataDirError(
    `DATA_DIR=${dataDir} is in use by another Partnermatch process (${where}, started ${owner.startedAt}); ` +
      `stop it or set DATA_DIR to another folder (if it no longer runs, delete ${path})`,
  );
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
