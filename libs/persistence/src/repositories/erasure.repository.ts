import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
   * then the partner goes, and with it its connections, lists, matches and feedback.
   */
  async erase(partnerId: string, mentions: readonly string[], tx: EntityManager): Promise<void> {
    const pattern = mentions
      .filter((mention) => mention.trim().length > 0)
      .map((mention) => mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|');
    if (pattern) {
      for (const [table, column] of FREE_TEXT) {
        await tx.query(`UPDATE ${table} SET ${column} = regexp_replace(${column}, $1, $2, 'gi') WHERE ${column} ~* $1`, [pattern, ERASED_PARTNER]);
      }
    }
    await tx.query(`DELETE FROM partner WHERE id = $1`, [partnerId]);
  }
}
