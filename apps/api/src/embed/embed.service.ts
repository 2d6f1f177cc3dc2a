import { Injectable } from '@nestjs/common';
import { SuggestionRepository } from '@app/persistence';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { PartnersService } from '../partners/partners.service';
import { visibleStatuses } from '../suggestions/visible-statuses';
import { EmbedSuggestionDto, type EmbedSuggestionListDto } from './dtos/embed-suggestion.dto';
import type { EmbedSuggestionsQueryDto } from './dtos/embed-suggestions-query.dto';

/**
 * A partner page on the portal is public, so it shows what the team approved — whether or
 * not REVIEW_REQUIRED makes partners wait for review in their own (private) view.
 */
export const PUBLISHED_STATUSES = visibleStatuses('partner', true);

@Injectable()
export class EmbedService {
  constructor(
    private readonly partners: PartnersService,
    private readonly suggestions: SuggestionRepository,
  ) {}

  /** The partner's approved suggestions; a partner that opted out of matching has none. */
  async approvedSuggestions(slug: string, query: EmbedSuggestionsQueryDto): Promise<EmbedSuggestionListDto> {
    const partner = await this.partners.get(slug);
    const runId = await this.suggestions.activeRunId();
    const { items, total } =
      runId && !partner.matchingOptOut
        ? await this.suggestions.listFor(runId, partner.id, { statuses: PUBLISHED_STATUSES, limit: query.limit, offset: 0 })
        : { items: [], total: 0 };
    return {
      partner: PartnerRefDto.from(partner),
      lang: query.lang,
      items: items.map((item) => EmbedSuggestionDto.from(item, query.lang)),
      total,
      limit: query.limit,
    };
  }
}
