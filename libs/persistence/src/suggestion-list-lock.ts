import type { EntityManager } from 'typeorm';

/**
 * Takes the lock that serialises writes to the stored lists, until the transaction ends: every
 * repair and switch-in writes under it, and so does every deletion of a partner. A suggestion
 * row has no foreign key; a trigger deletes the rows naming a deleted partner, and it cannot see
 * rows a repair in flight has written but not yet committed — so without the lock those rows
 * outlived the partner (an erasure's "at once" broken) until the next repair. Taken first in a
 * transaction, before any row lock, so it cannot deadlock with a repair (which takes it first too).
 */
export async function lockSuggestionLists(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('partnermatch:suggestion-lists'))`);
}
