import { Injectable } from '@nestjs/common';
import { ConnectionRepository, FeedbackRepository, MatchRepository, SuggestionRepository } from '@app/persistence';
import { ConnectionDto } from '../connections/dtos/connection.dto';
import { MatchDto, MatchEventDto } from '../matches/dtos/match.dto';
import { PartnerDto } from '../partners/dtos/partner.dto';
import { PartnersService } from '../partners/partners.service';
import { SuggestionDto } from '../suggestions/dtos/suggestion.dto';
import { visibleStatuses } from '../suggestions/visible-statuses';
import { ExportedFeedbackDto, PartnerExportDto } from './partner-export.dto';

/** A partner has a connection, a list and a match per candidate at most; far below this. */
const EVERYTHING = 100_000;

@Injectable()
export class PrivacyService {
  constructor(
    private readonly partners: PartnersService,
    private readonly connections: ConnectionRepository,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
    private readonly suggestions: SuggestionRepository,
  ) {}

  async export(idOrSlug: string): Promise<PartnerExportDto> {
    const partner = await this.partners.get(idOrSlug);
    const runId = await this.suggestions.activeRunId();
    const [connections, matches, feedback, list, inListsOf] = await Promise.all([
      this.connections.list({ partnerId: partner.id, limit: EVERYTHING, offset: 0 }),
      this.matches.involving(partner.id),
      this.feedback.involving(partner.id),
      runId ? this.suggestions.listFor(runId, partner.id, { statuses: visibleStatuses('team', true), limit: EVERYTHING, offset: 0 }) : { items: [] },
      runId ? this.suggestions.countListsContaining(runId, partner.id) : 0,
    ]);
    return {
      exportedAt: new Date(),
      partner: PartnerDto.from(partner),
      connections: connections.items.map(ConnectionDto.from),
      matches: matches.map(({ match, events }) => ({ match: MatchDto.from(match), history: events.map(MatchEventDto.from) })),
      feedback: feedback.map(ExportedFeedbackDto.from),
      suggestions: list.items.map((item) => SuggestionDto.from(item, 'nl')),
      inListsOf,
    };
  }
}
