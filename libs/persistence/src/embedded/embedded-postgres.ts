import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';

/**
 * PostgreSQL in-process (PGlite) behind a loopback socket, so the ordinary `pg`
 * driver and TypeORM work unchanged. PGlite runs one query at a time and its socket
 * server interleaves messages of concurrent connections, so clients must use a
 * connection pool of exactly 1. The data folder is locked to this process while open.
 */
@Injectable()
export class EmbeddedPostgres {
  private database: PGlite | null = null;
  private server: PGLiteSocketServer | null = null;
  private lock: DataDirLock | null = null;

  /** Whether this process's database is the embedded one (started, not yet stopped). */
  get running(): boolean {
    return this.database !== null;
  }

  /** Opens (or creates) the data directory and returns a connection URL. */
  async start(dataDir: string): Promise<string> {
    this.lock = DataDirLock.acquire(dataDir);
    this.database = await PGlite.create(postgresFolder(dataDir));
    this.server = new PGLiteSocketServer({ db: this.database, host: '127.0.0.1', port: 0 });
    await this.server.start();
    return `postgres://postgres@${this.server.getServerConn()}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.database?.close();
    this.lock?.release();
    this.server = null;
    this.database = null;
    this.lock = null;
  }
}

/**
 * The database lives in `postgres/` beside the lock file: PGlite's initdb needs an empty folder
 * and hangs on one holding the lock. Folders made before the lock have it at the top.
 */
function postgresFolder(dataDir: string): string {
  return existsSync(join(dataDir, 'PG_VERSION')) ? dataDir : join(dataDir, 'postgres');
}
