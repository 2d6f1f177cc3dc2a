import { Injectable } from '@nestjs/common';
import { KeptUntilChanged, ListChangeFeed } from '@app/persistence';

/** Enough for every list of a network of a few thousand partners in its usual query. */
const MAX_LISTS = 5_000;

/** Serialised suggestion lists — the hottest reads — answered from memory until anything they show changes. */
@Injectable()
export class SuggestionListCache {
  private readonly lists: KeptUntilChanged<string>;

  constructor(changes: ListChangeFeed) {
    this.lists = new KeptUntilChanged(changes, MAX_LISTS);
  }

  read(key: string, load: () => Promise<string>): Promise<string> {
    return this.lists.read(key, load);
  }
}
