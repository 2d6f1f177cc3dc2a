import type { ListChangeFeed } from './list-change-feed';

/**
 * Answers kept in memory until the database announces a change to what they were read from.
 * An answer is kept only if no change was announced while it was being read, so what was read
 * before a commit is never served after it; while the change feed is down nothing is kept or
 * served. Least recently used answers go first when full.
 */
export class KeptUntilChanged<T> {
  private readonly entries = new Map<string, { generation: number; value: T }>();

  constructor(
    private readonly changes: ListChangeFeed,
    private readonly maxEntries: number,
  ) {}

  /** `keep` decides which answers are worth memory (e.g. not the misses a flood of bad keys causes). */
  async read(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const generation = this.changes.generation();
    if (generation === null) return load();
    const kept = this.entries.get(key);
    if (kept?.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept.value;
    }
    const value = await load();
    if (this.changes.generation() === generation && keep(value)) this.remember(key, generation, value);
    return value;
  }

  private remember(key: string, generation: number, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { generation, value });
  }
}
