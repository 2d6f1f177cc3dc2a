import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockSuggestionLists } from '../suggestion-list-lock';

/** What an erased partner is called where others' records mentioned it. */
export const ERASED_PARTNER = '[verwijderde partner]';

/** Free-text columns of records that outlive a partner and may name it. */
const FREE_TEXT = [
  ['connection', 'note'],
  ['match', 'note'],
  ['match_event', 'note'],
  ['feedback', 'reason'],
] as const;

@Injectable()
export class ErasureRepository {
  /**
   * Erases a partner (AVG/GDPR right to erasure) in the caller's transaction: every mention
   * of it in the notes of the remaining records and the audit trail becomes `[verwijderde partner]`,
   * stored mails that named it are deleted, then the partner goes, and with it its connections,
   * lists, matches, feedback and contact people.
   */
  async erase(partnerId: string, mentions: readonly string[], tx: EntityManager): Promise<void> {
    // First, before the row locks of the anonymising updates.
    await lockSuggestionLists(tx);
    // Its contacts' addresses are mentions too (introductions named them); not their names,
    // which as a pattern would also hit other people called the same.
    const contacts: { email: string }[] = await tx.query(`SELECT email FROM person WHERE partner_id = $1`, [partnerId]);
    const pattern = [...mentions, ...contacts.map((contact) => contact.email)]
      .filter((mention) => mention.trim().length > 0)
      .map((mention) => mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    if (pattern) {
      for (const [table, column] of FREE_TEXT) {
        await tx.query(`UPDATE ${table} SET ${column} = regexp_replace(${column}, $1, $2, 'gi') WHERE ${column} ~* $1`, [pattern, ERASED_PARTNER]);
      }
    }
    // Stored copies of mails that named it (introductions and digests to others) go; its own
    // people's mails, sessions and links go with them when the partner does.
    if (pattern) await tx.query(`DELETE FROM mail_outbox WHERE text_body ~* $1 OR subject ~* $1`, [pattern]);
    await tx.query(`DELETE FROM partner WHERE id = $1`, [partnerId]);
  }
}
