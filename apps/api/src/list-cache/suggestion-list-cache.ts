import { Injectable } from '@nestjs/common';
import { KeptUntilChanged, ListChangeFeed } from '@app/persistence';

/** Enough for every list of a network of a few thousand partners in its usual query. */
const MAX_LISTS = 5_000;

/** The JSON text of a `T`: sent as it is, while the compiler still knows what it holds. */
export type Serialised<T> = string & { readonly __serialises?: T };

export function serialise<T>(value: T): Serialised<T> {
  return JSON.stringify(value) as Serialised<T>;
}

/** Serialised suggestion lists — the hottest reads — answered from memory until anything they show changes. */
@Injectable()
export class SuggestionListCache {
  private readonly lists: KeptUntilChanged<string>;

  constructor(changes: ListChangeFeed) {
    this.lists = new KeptUntilChanged(changes, MAX_LISTS);
  }

  read<T>(key: string, load: () => Promise<Serialised<T>>): Promise<Serialised<T>> {
    return this.lists.read(key, load) as Promise<Serialised<T>>;
  }
}
