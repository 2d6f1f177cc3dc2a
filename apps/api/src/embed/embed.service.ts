import { Injectable } from '@nestjs/common';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { serialise, SuggestionListCache, type Serialised } from '../list-cache/suggestion-list-cache';
import { PartnersService } from '../partners/partners.service';
import { SuggestionsService } from '../suggestions/suggestions.service';
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
    private readonly suggestions: SuggestionsService,
    private readonly cache: SuggestionListCache,
  ) {}

  /**
   * The partner's approved suggestions; a partner that opted out of matching has none. Portal
   * pages are the busiest readers: the list is kept serialised until it changes.
   */
  approvedSuggestions(slug: string, query: EmbedSuggestionsQueryDto): Promise<Serialised<EmbedSuggestionListDto>> {
    return this.cache.read(JSON.stringify(['embed', slug, query]), async () => {
      const partner = await this.partners.get(slug);
      const page = { statuses: PUBLISHED_STATUSES, limit: query.limit, offset: 0 };
      const { items, total } =
        query.purpose === 'kennisdelen'
          ? await this.suggestions.kennisdelenPage(partner, page).then(({ items, total }) => ({ items: items.map((item) => EmbedSuggestionDto.fromKennisdelen(item, query.lang)), total }))
          : await this.suggestions.page(partner, page).then(({ items, total }) => ({ items: items.map((item) => EmbedSuggestionDto.from(item, query.lang)), total }));
      return serialise<EmbedSuggestionListDto>({
        partner: PartnerRefDto.from(partner),
        purpose: query.purpose,
        lang: query.lang,
        items,
        total,
        limit: query.limit,
      });
    });
  }
}
