import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { labelOf, taxonomy } from '@app/taxonomy';
import { ImpressionRepository, PersonEntity, RENDERED_SUGGESTION_COLUMNS, renderedSuggestion, SuggestionRepository, type StoredSuggestionColumns } from '@app/persistence';
import { DataSource } from 'typeorm';
import { topReasons } from './introductions.service';
import { MailOutboxService } from './mail-outbox.service';
import { MailTokens } from './mail-tokens';
import { DIGEST } from './templates/digest.template';

/** Suggestions one digest lists at most: a mail people read, not an export. */
const MAX_ITEMS = 10;

interface DigestRow extends StoredSuggestionColumns {
  name: string;
  sector: string;
  description: string;
}

/**
 * The digest of one period (the cron occurrence it belongs to): each partner contact who
 * wants it gets the suggestions the team approved for its partner since its previous digest,
 * not yet answered, each with signed one-click Interessant / Niet voor ons links. Per person
 * the period is recorded in the same transaction as the mail (also when nothing was new, and
 * then no mail goes), so a restart or a second worker sends nobody two digests.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: MailOutboxService,
    private readonly tokens: MailTokens,
    private readonly suggestions: SuggestionRepository,
    private readonly impressions: ImpressionRepository,
    @Inject(appConfig.KEY) private readonly config: AppConfig,
  ) {}

  /** Sends the digests of `period` still due; returns how many mails it wrote. */
  async run(period: Date): Promise<number> {
    const [since] = await this.dataSource.query(`SELECT value #>> '{}' AS at FROM system_state WHERE key = 'mail-digest-since'`);
    if (since && period.getTime() <= new Date(since.at).getTime()) return 0;
    const runId = await this.suggestions.activeRunId();
    if (!runId) return 0;
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM person p
        WHERE p.role = 'partner' AND p.active AND p.wants_digest
          AND NOT EXISTS (SELECT 1 FROM mail_digest d WHERE d.person_id = p.id AND d.period = $1)
        ORDER BY p.id`,
      [period],
    );
    let mails = 0;
    for (const { id } of due) {
      const sent = await this.dataSource.transaction(async (tx) => {
        const claimed: unknown[] = await tx.query(`INSERT INTO mail_digest (person_id, period, items) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING RETURNING person_id`, [id, period]);
        if (claimed.length === 0) return false; // another process has this one
        const person = await tx.findOne(PersonEntity, { where: { id }, relations: { partner: true } });
        if (!person?.partner) return false;
        const [{ since }] = await tx.query(`SELECT max(created_at) AS since FROM mail_digest WHERE person_id = $1 AND period < $2`, [id, period]);
        const rows: DigestRow[] = await tx.query(
          `SELECT c.name, c.sector, c.description, ${RENDERED_SUGGESTION_COLUMNS}
             FROM match m
             JOIN suggestion s ON s.run_id = $1 AND s.partner_id = $2 AND s.purpose = m.purpose
                              AND s.candidate_id = CASE WHEN m.partner_a_id = $2 THEN m.partner_b_id ELSE m.partner_a_id END
             JOIN partner c ON c.id = s.candidate_id
            WHERE m.status = 'approved' AND (m.partner_a_id = $2 OR m.partner_b_id = $2)
              AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.partner_id = $2 AND f.candidate_id = s.candidate_id AND f.purpose = s.purpose)
              AND EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = m.id AND e.to_status = 'approved' AND ($3::timestamptz IS NULL OR e.created_at > $3))
            ORDER BY s.purpose = 'kennisdelen', s.score DESC, s.candidate_id
            LIMIT ${MAX_ITEMS}`,
          [runId, person.partner.id, since],
        );
        if (rows.length === 0) return false;
        await tx.query(`UPDATE mail_digest SET items = $3 WHERE person_id = $1 AND period = $2`, [id, period, rows.length]);
        // Shown to the partner in the mail's order; written with the mail, so they stand or fall together.
        const shownAt = new Date();
        if (this.config.impressions) await this.impressions.insertMany(
          rows.map((row, index) => ({ partnerId: person.partner!.id, candidateId: row.candidate_id, surface: 'digest' as const, purpose: row.purpose, rank: index + 1, times: 1, shownAt })),
          tx,
        );
        const link = (row: DigestRow, verdict: 'interested' | 'not-relevant') => {
          const list = row.purpose === 'kennisdelen' ? { list: row.purpose } : {};
          const action = { purpose: 'feedback' as const, personId: id, partnerId: person.partner!.id, candidateId: row.candidate_id, verdict, ...list };
          return this.outbox.link('/v1/mail/feedback', { token: this.tokens.sign(action) });
        };
        await this.outbox.add(
          {
            kind: 'digest',
            to: person,
            template: DIGEST,
            data: {
              name: person.name,
              partnerName: person.partner.name,
              items: rows.map((row) => ({
                name: row.name,
                sector: labelOf(taxonomy.sectors, row.sector, person.language),
                description: row.description,
                reasons: topReasons(renderedSuggestion(row).reasons, person.language),
                forKennisdelen: row.purpose === 'kennisdelen',
                interestedUrl: link(row, 'interested'),
                notForUsUrl: link(row, 'not-relevant'),
              })),
            },
            partner: { name: person.partner.name, unsubscribe: 'digest' },
          },
          tx,
        );
        return true;
      });
      if (sent) mails++;
    }
    if (mails > 0) {
      this.outbox.sendSoon();
      this.logger.log(`Digest of ${period.toISOString()}: ${mails} mails`);
    }
    return mails;
  }
}
