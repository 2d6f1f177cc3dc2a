import { Injectable } from '@nestjs/common';
import { OUTCOME_LABELS } from '@app/mail';
import { MatchRepository, PersonRepository } from '@app/persistence';
import { outcomeOfNote } from '../mail/outcome-notes';
import { PartnersService } from '../partners/partners.service';
import type { IntroductionDto } from './dtos/introduction.dto';

/** A partner's introduced pairs as its own pages show them: the other side, where it stands, the answers. */
@Injectable()
export class IntroductionsService {
  constructor(
    private readonly partners: PartnersService,
    private readonly matches: MatchRepository,
    private readonly people: PersonRepository,
  ) {}

  async list(idOrSlug: string, lang: 'nl' | 'en'): Promise<IntroductionDto[]> {
    const partner = await this.partners.get(idOrSlug);
    const introduced = (await this.matches.involving(partner.id))
      .map(({ match, events }) => ({ match, events, introduction: events.find((event) => event.toStatus === 'introduced') }))
      .filter((entry) => entry.introduction !== undefined);
    if (introduced.length === 0) return [];
    const reports = await this.matches.collaborationReports(introduced.map(({ match }) => match.id));
    const items = await Promise.all(
      introduced.map(async ({ match, events, introduction }) => {
        const other = match.partnerAId === partner.id ? match.partnerB : match.partnerA;
        const contacts = await this.people.contactsOf(other.id);
        const outcomes = events.flatMap((event) => {
          const answer = outcomeOfNote(event.note);
          return answer ? [{ answer, label: OUTCOME_LABELS[answer][lang], by: event.actor, at: event.createdAt }] : [];
        });
        return {
          id: match.id,
          other: { id: other.id, slug: other.slug, name: other.name, sector: other.sector, website: other.website, contactEmail: other.contactEmail },
          contacts: contacts.map((contact) => ({ name: contact.name, email: contact.email })),
          status: match.status,
          introducedAt: introduction!.createdAt,
          note: introduction!.note,
          outcomes,
          reports: reports.filter((report) => report.matchId === match.id).map((report) => ({ text: report.text, reached: report.reached, at: report.createdAt })),
        };
      }),
    );
    return items.sort((a, b) => b.introducedAt.getTime() - a.introducedAt.getTime());
  }
}
