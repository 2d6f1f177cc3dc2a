import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig, type MailConfig } from '@app/config';
import { PartnerEntity, PersonEntity } from '@app/persistence';
import { DataSource, In, type EntityManager } from 'typeorm';
import { MailOutboxService } from './mail-outbox.service';
import { MailTokens } from './mail-tokens';
import { FOLLOW_UP, LONG_FOLLOW_UP } from './templates/follow-up.template';

/** The outcome ladder of the first follow-up, in order. */
export const OUTCOME_ANSWERS = ['no-contact', 'talked', 'planning', 'collaborating', 'not-going-ahead'] as const;
export type OutcomeAnswer = (typeof OUTCOME_ANSWERS)[number];

export const OUTCOME_LABELS: Record<OutcomeAnswer, { nl: string; en: string }> = {
  'no-contact': { nl: 'Nog geen contact', en: 'No contact yet' },
  talked: { nl: 'We hebben gesproken', en: 'We talked' },
  planning: { nl: 'We maken een plan', en: 'We are making a plan' },
  collaborating: { nl: 'We werken samen', en: 'We work together' },
  'not-going-ahead': { nl: 'We gaan niet verder', en: 'Not going ahead' },
};

/** Follow-ups sent per transaction. */
const BATCH = 20;

/**
 * The follow-up questions after an introduction. `first` (FOLLOW_UP_DAYS after it) asks
 * both sides where things stand with one-click answers; `long` (FOLLOW_UP_LONG_DAYS after
 * it, for pairs that work together) asks what came of it through a small form. The schedule
 * is a row per pair and stage, sent with its mails in one transaction and claimed with
 * FOR UPDATE SKIP LOCKED, so every question goes once.
 */
@Injectable()
export class FollowUpsService {
  private readonly config: MailConfig;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxService,
    private readonly tokens: MailTokens,
  ) {
    this.config = config.mail;
  }

  /** In the transaction that introduces the pairs. */
  async scheduleFirst(matchIds: readonly string[], tx: EntityManager): Promise<void> {
    for (const id of matchIds) {
      await tx.query(
        `INSERT INTO mail_follow_up (match_id, stage, due_at) VALUES ($1, 'first', now() + make_interval(secs => $2::float8 / 1000)) ON CONFLICT DO NOTHING`,
        [id, this.config.followUpAfterMs],
      );
    }
  }

  /** In the transaction that makes the pairs collaborate: due FOLLOW_UP_LONG_DAYS after their introduction. */
  async scheduleLong(matchIds: readonly string[], tx: EntityManager): Promise<void> {
    for (const id of matchIds) {
      await tx.query(
        `INSERT INTO mail_follow_up (match_id, stage, due_at)
         SELECT $1, 'long', coalesce(min(created_at), now()) + make_interval(secs => $2::float8 / 1000)
           FROM match_event WHERE match_id = $1 AND to_status = 'introduced'
         ON CONFLICT DO NOTHING`,
        [id, this.config.longFollowUpAfterMs],
      );
    }
  }

  /** Sends the follow-ups that are due; returns how many mails it wrote. */
  async sendDue(): Promise<number> {
    let mails = 0;
    for (;;) {
      const { claimed, written } = await this.dataSource.transaction(async (tx) => {
        const due: { match_id: string; stage: 'first' | 'long'; status: string; partner_a_id: string; partner_b_id: string }[] = await tx.query(
          `SELECT f.match_id, f.stage, m.status, m.partner_a_id, m.partner_b_id
             FROM mail_follow_up f JOIN match m ON m.id = f.match_id
            WHERE f.sent_at IS NULL AND f.due_at <= now()
            ORDER BY f.due_at LIMIT ${BATCH}
            FOR UPDATE OF f SKIP LOCKED`,
        );
        let count = 0;
        for (const item of due) {
          // A pair that moved on meanwhile is not asked a question that no longer fits.
          const fits = item.stage === 'first' ? item.status === 'introduced' : item.status === 'collaborating';
          if (fits) count += await this.writeMails(item.match_id, item.stage, [item.partner_a_id, item.partner_b_id], tx);
          await tx.query(`UPDATE mail_follow_up SET sent_at = now() WHERE match_id = $1 AND stage = $2`, [item.match_id, item.stage]);
        }
        return { claimed: due.length, written: count };
      });
      mails += written;
      if (claimed < BATCH) break;
    }
    if (mails > 0) this.outbox.sendSoon();
    return mails;
  }

  private async writeMails(matchId: string, stage: 'first' | 'long', partnerIds: string[], tx: EntityManager): Promise<number> {
    const partners = new Map((await tx.find(PartnerEntity, { where: { id: In(partnerIds) } })).map((partner) => [partner.id, partner]));
    const people = await tx.find(PersonEntity, { where: { partnerId: In(partnerIds), active: true, wantsFollowUps: true }, order: { createdAt: 'ASC' } });
    for (const person of people) {
      const own = partners.get(person.partnerId!)!;
      const other = partners.get(partnerIds.find((id) => id !== person.partnerId)!)!;
      const frame = { partner: { name: own.name, unsubscribe: 'follow-ups' as const } };
      if (stage === 'first') {
        const answers = OUTCOME_ANSWERS.map((answer) => ({
          label: OUTCOME_LABELS[answer][person.language],
          url: this.outbox.link('/v1/mail/outcome', { token: this.tokens.sign({ purpose: 'outcome', personId: person.id, matchId, answer }) }),
        }));
        await this.outbox.add({ kind: 'follow-up', to: person, template: FOLLOW_UP, data: { name: person.name, partnerName: own.name, otherName: other.name, answers }, ...frame }, tx);
      } else {
        const formUrl = this.outbox.link('/v1/mail/report', { token: this.tokens.sign({ purpose: 'report', personId: person.id, matchId }, 60) });
        await this.outbox.add({ kind: 'follow-up-long', to: person, template: LONG_FOLLOW_UP, data: { name: person.name, partnerName: own.name, otherName: other.name, formUrl }, ...frame }, tx);
      }
    }
    return people.length;
  }
}
