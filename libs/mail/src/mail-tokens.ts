import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SuggestionPurpose } from '@app/persistence';

const SECRET_KEY = 'mail-token-secret';
const TOKEN_DAYS = 30;

/** What a one-click link in a mail may do, and for whom. */
export type MailAction =
  | { purpose: 'unsubscribe'; personId: string; what: 'digest' | 'follow-ups' | 'all' }
  /** `list`: the suggestion's purpose, kennisdelen or (when absent, as in links sent before there were two) samenwerken. */
  | { purpose: 'feedback'; personId: string; partnerId: string; candidateId: string; verdict: 'interested' | 'not-relevant'; list?: SuggestionPurpose }
  | { purpose: 'outcome'; personId: string; matchId: string; answer: string }
  | { purpose: 'report'; personId: string; matchId: string };

type Signed = MailAction & { exp: number };

/**
 * Signed, single-purpose tokens for the links in mails: the action itself (HMAC-SHA256 over
 * it, secret generated once per installation and kept in system_state, so every API and
 * worker process shares it) with an expiry. A changed character or an expired token reads
 * as nothing. Unsubscribe links never expire: RFC 8058 expects them to keep working.
 */
@Injectable()
export class MailTokens implements OnModuleInit {
  private secret: Buffer | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.query(`INSERT INTO system_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
      SECRET_KEY,
      JSON.stringify(randomBytes(32).toString('base64url')),
    ]);
    const [row] = await this.dataSource.query(`SELECT value FROM system_state WHERE key = $1`, [SECRET_KEY]);
    this.secret = Buffer.from(row.value as string, 'base64url');
  }

  sign(action: MailAction, validDays: number | null = action.purpose === 'unsubscribe' ? null : TOKEN_DAYS): string {
    const signed: Signed = { ...action, exp: validDays === null ? 0 : Date.now() + validDays * 24 * 3600 * 1000 };
    const payload = Buffer.from(JSON.stringify(signed)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The action of a valid token for this purpose, or null (tampered, expired, other purpose, malformed). */
  verify<Purpose extends MailAction['purpose']>(token: unknown, purpose: Purpose): Extract<MailAction, { purpose: Purpose }> | null {
    if (typeof token !== 'string' || token.length > 2000) return null;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const signed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Signed;
      if (signed.purpose !== purpose) return null;
      if (signed.exp !== 0 && signed.exp < Date.now()) return null;
      const { exp: _exp, ...action } = signed;
      return action as Extract<MailAction, { purpose: Purpose }>;
    } catch {
      return null;
    }
  }

  private mac(payload: string): string {
    if (!this.secret) throw new Error('MailTokens used before the module initialised');
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
