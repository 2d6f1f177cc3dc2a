import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { Client } from 'pg';

const CHANNEL = 'partnermatch_lists_changed';
const RECONNECT_MS = [500, 1_000, 2_000, 5_000, 10_000];

/**
 * A counter that moves whenever something a suggestion list shows (or an API key) may have
 * changed, in any process: a PostgreSQL LISTEN on the notifications the list tables send on commit, plus
 * `changed()` for this process's own writes, which must count before their response is sent.
 * `generation()` is null while no LISTEN is up (the embedded database, or PostgreSQL out of
 * reach): then nothing may be served from memory. Starts on first use, so the worker, which
 * never reads lists, never opens the connection.
 */
@Injectable()
export class ListChangeFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(ListChangeFeed.name);
  private counter = 0;
  private client: Client | null = null;
  private live = false;
  private started = false;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  generation(): number | null {
    if (!this.started) this.start();
    return this.live ? this.counter : null;
  }

  changed(): void {
    this.counter++;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private start(): void {
    this.started = true;
    if (this.config.database.kind === 'postgres') void this.connect(this.config.database.url);
  }

  private async connect(url: string): Promise<void> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    this.client = client;
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.live = false;
      this.changed();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      if (this.failures++ === 0) this.logger.warn(`Lost the list-change feed (${reason}); lists are read from the database until it is back`);
      this.reconnectTimer = setTimeout(() => void this.connect(url), RECONNECT_MS[Math.min(this.failures - 1, RECONNECT_MS.length - 1)]);
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection closed'));
    client.on('notification', () => this.changed());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Whatever was kept before the feed was up is not trusted.
      this.changed();
      this.live = !this.stopped;
      if (this.failures > 0) this.logger.log('List-change feed is back');
      this.failures = 0;
    } catch (error) {
      lost(error instanceof Error ? error.message : String(error));
    }
  }
}
