import { Injectable } from '@nestjs/common';
import { ListChangeFeed } from '@app/persistence';

/** Enough for every list of a network of a few thousand partners in its usual query. */
const MAX_ENTRIES = 5_000;

/**
 * The hottest read — a partner's suggestion list — answered from memory until anything it
 * shows changes. An answer is kept only if no change was announced while it was being read,
 * so a list read before a commit is never served after it; while the change feed is down
 * nothing is kept or served.
 */
@Injectable()
export class SuggestionListCache {
  private readonly entries = new Map<string, { generation: number; value: unknown }>();

  constructor(private readonly changes: ListChangeFeed) {}

  async read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const generation = this.changes.generation();
    if (generation === null) return load();
    const kept = this.entries.get(key);
    if (kept?.generation === generation) {
      // Most recently used last: the first entry is the one to drop when full.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.value as T;
    }
    const value = await load();
    if (this.changes.generation() === generation) this.keep(key, generation, value);
    return value;
  }

  private keep(key: string, generation: number, value: unknown): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { generation, value });
  }
}
