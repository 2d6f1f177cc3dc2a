import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { ImpressionRepository, type ImpressionRow, type ImpressionSurface, type SuggestionPurpose } from '@app/persistence';

/** How often the buffer is written. */
const FLUSH_EVERY_MS = 2_000;
/** Distinct lists held before a write is started early; also the cap while the database is away. */
const MAX_BUFFERED_LISTS = 5_000;
/** Rows per INSERT. */
const ROWS_PER_INSERT = 5_000;

/** The two list bodies that count as shown: a partner's own list and the portal widget's. */
interface ShownList {
  partner: { id: string };
  /** The list's purpose; bodies without one (the widget's) are samenwerken lists. */
  purpose?: SuggestionPurpose;
  items: { candidate: { id: string } }[];
  offset?: number;
}

interface Seen {
  times: number;
  firstAt: Date;
}

/**
 * Impressions for the outcome funnel, off the read path: a read only notes the serialised body
 * it sent (the list cache hands out the same string for the same list, so a busy page costs a
 * counter). Every FLUSH_EVERY_MS the distinct bodies are parsed and written in one INSERT per
 * ROWS_PER_INSERT rows, one row per partner, candidate, surface and rank with how often.
 * IMPRESSIONS=off records nothing. Per process and in memory: an API process that crashes loses at most the last window;
 * a clean shutdown writes what is left.
 */
@Injectable()
export class ImpressionRecorder implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Impressions');
  private buffer = new Map<ImpressionSurface, Map<string, Seen>>();
  private buffered = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | null = null;

  private readonly enabled: boolean;

  constructor(
    private readonly impressions: ImpressionRepository,
    @Inject(appConfig.KEY) config: Pick<AppConfig, 'impressions'>,
  ) {
    this.enabled = config.impressions;
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Before the database pool closes (that happens in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** A list body as sent: O(1), no parsing, no I/O. */
  shown(surface: ImpressionSurface, body: string): void {
    if (!this.enabled) return;
    let lists = this.buffer.get(surface);
    if (!lists) this.buffer.set(surface, (lists = new Map()));
    const seen = lists.get(body);
    if (seen) {
      seen.times++;
      return;
    }
    lists.set(body, { times: 1, firstAt: new Date() });
    if (++this.buffered >= MAX_BUFFERED_LISTS) void this.flush();
  }

  /** Writes what is buffered; resolves to the rows written. One write at a time. */
  async flush(): Promise<number> {
    if (this.flushing) await this.flushing.catch(() => 0);
    if (this.buffered === 0) return 0;
    const taken = this.buffer;
    this.buffer = new Map();
    this.buffered = 0;
    this.flushing = this.write(taken);
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async write(taken: Map<ImpressionSurface, Map<string, Seen>>): Promise<number> {
    const rows = toRows(taken);
    let written = 0;
    try {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        written += await this.impressions.insertMany(rows.slice(start, start + ROWS_PER_INSERT));
      }
      return written;
    } catch (error) {
      // Kept for the next window while there is room: impressions are evidence, not worth a failed read.
      for (const [surface, lists] of taken) for (const [body, seen] of lists) if (this.buffered < MAX_BUFFERED_LISTS) this.merge(surface, body, seen);
      this.logger.warn(`Impressions not written, kept for the next try: ${(error as Error).message}`);
      return written;
    }
  }

  private merge(surface: ImpressionSurface, body: string, seen: Seen): void {
    let lists = this.buffer.get(surface);
    if (!lists) this.buffer.set(surface, (lists = new Map()));
    const current = lists.get(body);
    if (current) {
      current.times += seen.times;
      if (seen.firstAt < current.firstAt) current.firstAt = seen.firstAt;
    } else {
      lists.set(body, { ...seen });
      this.buffered++;
    }
  }
}

/** One row per partner, candidate, surface and rank; a list sent in several windows is several rows. */
export function toRows(taken: ReadonlyMap<ImpressionSurface, ReadonlyMap<string, Seen>>): ImpressionRow[] {
  const rows = new Map<string, ImpressionRow>();
  for (const [surface, lists] of taken) {
    for (const [body, seen] of lists) {
      const list = JSON.parse(body) as ShownList;
      const offset = list.offset ?? 0;
      const purpose = list.purpose ?? 'samenwerken';
      list.items.forEach((item, index) => {
        const rank = offset + index + 1;
        const key = `${list.partner.id} ${item.candidate.id} ${surface} ${purpose} ${rank}`;
        const row = rows.get(key);
        if (row) {
          row.times += seen.times;
          if (seen.firstAt < row.shownAt) row.shownAt = seen.firstAt;
        } else {
          rows.set(key, { partnerId: list.partner.id, candidateId: item.candidate.id, surface, purpose, rank, times: seen.times, shownAt: seen.firstAt });
        }
      });
    }
  }
  return [...rows.values()];
}
