import { Injectable } from '@nestjs/common';
import { labelOf, taxonomy } from '@app/taxonomy';
import {
  PartnerEntity,
  PersonEntity,
  RENDERED_SUGGESTION_COLUMNS,
  renderedSuggestion,
  SuggestionRepository,
  type PersonLanguage,
  type StoredSuggestionColumns,
  type SuggestionEntity,
  type SuggestionPurpose,
} from '@app/persistence';
import { In, type EntityManager } from 'typeorm';
import { MailOutboxService } from './mail-outbox.service';
import { INTRODUCTION, type IntroducedPartner } from './templates/introduction.template';

/** Reasons named in an introduction: the strongest few, not the whole explanation. */
const TOP_REASONS = 3;

/** The introduced match; a kennisdelen one is introduced to learn from each other, its reasons are the kennisdelen ones. */
type Pair = { id: string; partnerAId: string; partnerBId: string; purpose?: SuggestionPurpose };

/**
 * The introduction mails of a pair the team marked introduced: each active contact of each
 * partner gets one, in the contact's language, naming the other partner, the pair's top
 * reasons as scored from the reader's side, the team's note, and the other's contact details
 * — the only place the service shares those.
 */
@Injectable()
export class IntroductionMailsService {
  constructor(
    private readonly outbox: MailOutboxService,
    private readonly suggestions: SuggestionRepository,
  ) {}

  /** Adds the mails in the decision's transaction; returns how many. Call `sendSoon()` after the commit. */
  async add(pair: Pair, note: string | null, tx: EntityManager): Promise<number> {
    const ids = [pair.partnerAId, pair.partnerBId];
    const partners = new Map((await tx.find(PartnerEntity, { where: { id: In(ids) } })).map((partner) => [partner.id, partner]));
    const people = await tx.find(PersonEntity, { where: { partnerId: In(ids), active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    const reasons = await this.reasonsByViewer(pair, tx);
    let added = 0;
    for (const [readerId, otherId] of [ids, [...ids].reverse()]) {
      const reader = partners.get(readerId);
      const other = partners.get(otherId);
      if (!reader || !other) continue;
      const otherContacts = people.filter((person) => person.partnerId === otherId).map(({ name, email }) => ({ name, email }));
      for (const person of people.filter((candidate) => candidate.partnerId === readerId)) {
        const language = person.language;
        await this.outbox.add(
          {
            kind: 'introduction',
            to: person,
            template: INTRODUCTION,
            data: {
              name: person.name,
              partnerName: reader.name,
              other: describe(other, otherContacts, language),
              reasons: topReasons(reasons.get(readerId) ?? reasons.get(otherId) ?? [], language),
              forKennisdelen: pair.purpose === 'kennisdelen',
              note,
            },
            partner: { name: reader.name, unsubscribe: 'all' },
          },
          tx,
        );
        added++;
      }
    }
    return added;
  }

  sendSoon(): void {
    this.outbox.sendSoon();
  }

  /** The reasons of the pair in the active lists, by the partner whose list it is. */
  private async reasonsByViewer(pair: Pair, tx: EntityManager): Promise<Map<string, SuggestionEntity['reasons']>> {
    const runId = await this.suggestions.activeRunId(tx);
    if (!runId) return new Map();
    const rows: StoredSuggestionColumns[] = await tx.query(
      `SELECT ${RENDERED_SUGGESTION_COLUMNS} FROM suggestion s
        WHERE s.run_id = $1 AND s.purpose = $4 AND ((s.partner_id = $2 AND s.candidate_id = $3) OR (s.partner_id = $3 AND s.candidate_id = $2))`,
      [runId, pair.partnerAId, pair.partnerBId, pair.purpose ?? 'samenwerken'],
    );
    return new Map(rows.map((row) => [row.partner_id, renderedSuggestion(row).reasons]));
  }
}

export function topReasons(reasons: SuggestionEntity['reasons'], language: PersonLanguage): string[] {
  return [...reasons]
    .sort((a, b) => b.share - a.share)
    .slice(0, TOP_REASONS)
    .map((reason) => reason[language]);
}

function describe(partner: PartnerEntity, contacts: { name: string; email: string }[], language: PersonLanguage): IntroducedPartner {
  return {
    name: partner.name,
    sector: labelOf(taxonomy.sectors, partner.sector, language),
    description: partner.description,
    website: partner.website,
    contacts: contacts.length > 0 || !partner.contactEmail ? contacts : [{ name: partner.name, email: partner.contactEmail }],
  };
}
