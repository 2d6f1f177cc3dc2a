import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SignInLinkEntity } from '../entities/sign-in-link.entity';

@Injectable()
export class SignInLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(personId: string, tokenHash: string, validMs: number, tx: EntityManager): Promise<void> {
    await tx.insert(SignInLinkEntity, { personId, tokenHash, expiresAt: new Date(Date.now() + validMs) });
  }

  /**
   * Uses the link once: the person of an unused, unexpired link whose person is still active,
   * or null. One UPDATE, so two requests racing with the same token cannot both win.
   */
  async use(tokenHash: string): Promise<string | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows]: [{ person_id: string }[], number] = await this.dataSource.query(
      `UPDATE sign_in_link l SET used_at = now()
         FROM person p
        WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND p.id = l.person_id AND p.active
        RETURNING l.person_id`,
      [tokenHash],
    );
    return rows[0]?.person_id ?? null;
  }
}
