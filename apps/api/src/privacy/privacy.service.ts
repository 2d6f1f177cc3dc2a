import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { ConnectionRepository, FeedbackRepository, MatchRepository, PersonRepository, type PartnerEntity } from '@app/persistence';
import { ConnectionDto } from '../connections/dtos/connection.dto';
import { MatchDto, MatchEventDto } from '../matches/dtos/match.dto';
import { PartnerDto } from '../partners/dtos/partner.dto';
import { PartnersService } from '../partners/partners.service';
import { PersonDto } from '../people/dtos/person.dto';
import { SuggestionDto } from '../suggestions/dtos/suggestion.dto';
import { SuggestionsService } from '../suggestions/suggestions.service';
import { visibleStatuses } from '../suggestions/visible-statuses';
import { ExportedFeedbackDto, SharedMatchDto, SharedMatchEventDto, type ExportView, type OwnPartnerExportDto, type PartnerExportDto } from './partner-export.dto';

/** A partner has a connection, a list and a match per candidate at most; far below this. */
const EVERYTHING = 100_000;

@Injectable()
export class PrivacyService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnersService,
    private readonly connections: ConnectionRepository,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
    private readonly people: PersonRepository,
    private readonly suggestions: SuggestionsService,
  ) {}

  async export(idOrSlug: string, view: ExportView): Promise<PartnerExportDto | OwnPartnerExportDto> {
    const partner = await this.partners.get(idOrSlug);
    return view === 'partner' ? this.ownExport(partner) : this.teamExport(partner);
  }

  private async teamExport(partner: PartnerEntity): Promise<PartnerExportDto> {
    const [people, connections, matches, feedback, { list, inListsOf }] = await Promise.all([
      this.people.list({ partnerId: partner.id }),
      this.connections.list({ partnerId: partner.id, limit: EVERYTHING, offset: 0 }),
      this.matches.involving(partner.id),
      this.feedback.involving(partner.id),
      this.suggestions.teamAppearances(partner, EVERYTHING),
    ]);
    return {
      view: 'team',
      exportedAt: new Date(),
      partner: PartnerDto.from(partner),
      people: people.map(PersonDto.from),
      connections: connections.items.map(ConnectionDto.from),
      matches: matches.map(({ match, events }) => ({ match: MatchDto.from(match), history: events.map(MatchEventDto.from) })),
      feedback: feedback.map(ExportedFeedbackDto.from),
      suggestions: list.items.map((item) => SuggestionDto.from(item, 'nl')),
      inListsOf,
    };
  }

  /** What the partner's own views showed it: the review gate applies here as it does there. */
  private async ownExport(partner: PartnerEntity): Promise<OwnPartnerExportDto> {
    const shown = visibleStatuses('partner', this.config.reviewRequired);
    const [people, connections, matches, feedback, list] = await Promise.all([
      this.people.list({ partnerId: partner.id }),
      this.connections.list({ partnerId: partner.id, limit: EVERYTHING, offset: 0 }),
      this.matches.involving(partner.id),
      this.feedback.involving(partner.id),
      this.suggestions.page(partner, { statuses: shown, limit: EVERYTHING, offset: 0 }),
    ]);
    // A pair counts as shown once it reached a status the partner view lists, even if the team later took it back.
    const wasShown = ({ match, events }: (typeof matches)[number]) =>
      shown.includes(match.status) || events.some((event) => shown.includes(event.fromStatus) || shown.includes(event.toStatus));
    return {
      view: 'partner',
      exportedAt: new Date(),
      partner: PartnerDto.from(partner),
      people: people.map(PersonDto.from),
      connections: connections.items.map(ConnectionDto.from),
      matches: matches.filter(wasShown).map(({ match, events }) => ({ match: SharedMatchDto.from(match), history: events.map(SharedMatchEventDto.from) })),
      feedback: feedback.filter((answer) => answer.partnerId === partner.id).map(ExportedFeedbackDto.from),
      suggestions: list.items.map((item) => SuggestionDto.from(item, 'nl')),
    };
  }
}
