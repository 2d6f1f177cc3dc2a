import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import { SuggestionRepository, type ListedSuggestion, type PartnerEntity, type SuggestionSearch } from '@app/persistence';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { serialise, SuggestionListCache, type Serialised } from '../list-cache/suggestion-list-cache';
import { PartnersService } from '../partners/partners.service';
import type { Caller } from '../auth/caller';
import type { ListSuggestionsQueryDto } from './dtos/list-suggestions-query.dto';
import { SuggestionDto, type SuggestionListDto } from './dtos/suggestion.dto';
import { visibleStatuses } from './visible-statuses';

export interface SuggestionPage {
  /** The run whose lists were read; null before the first run completed. */
  runId: string | null;
  items: ListedSuggestion[];
  total: number;
  /** How deep the stored list goes, whatever the filters kept of it. */
  searchedDepth: number;
}

/** The one way a partner's list is read: by the partner route, the portal widget and the privacy export. */
@Injectable()
export class SuggestionsService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnersService,
    private readonly suggestions: SuggestionRepository,
    private readonly cache: SuggestionListCache,
  ) {}

  /** The partner route's answer, kept serialised: the hottest read then costs no JSON encoding either. */
  async list(idOrSlug: string, query: ListSuggestionsQueryDto, caller?: Caller): Promise<Serialised<SuggestionListDto>> {
    if (caller?.role === 'partner' && query.view === 'team') {
      throw DomainException.forbidden('A partner key sees the partner view only (view=partner)');
    }
    const statuses = visibleStatuses(query.view, this.config.reviewRequired);
    return this.cache.read(JSON.stringify(['partner', idOrSlug, statuses, query]), async () => {
      // Independent lookups, so the partner's and the run's round trips overlap.
      const [partner, runId] = await Promise.all([this.partners.get(idOrSlug), this.suggestions.activeRunId()]);
      const { items, total, searchedDepth } = await this.pageOf(runId, partner, { ...query, statuses });
      return serialise<SuggestionListDto>({
        partner: PartnerRefDto.from(partner),
        runId,
        view: query.view,
        statuses,
        items: items.map((item) => SuggestionDto.from(item, query.lang, query.view)),
        total,
        searchedDepth,
        limit: query.limit,
        offset: query.offset,
      });
    });
  }

  /**
   * A page of the partner's list in the active run. A partner that opted out of matching has
   * none, unless `evenIfOptedOut` (the team's export shows what is stored all the same).
   */
  async page(partner: PartnerEntity, search: SuggestionSearch, { evenIfOptedOut = false } = {}): Promise<SuggestionPage> {
    return this.pageOf(await this.suggestions.activeRunId(), partner, search, evenIfOptedOut);
  }

  /** The partner's whole list as the team sees it, and how many lists of the same run show the partner. */
  async teamAppearances(partner: PartnerEntity, limit: number): Promise<{ list: SuggestionPage; inListsOf: number }> {
    const runId = await this.suggestions.activeRunId();
    const [list, inListsOf] = await Promise.all([
      this.pageOf(runId, partner, { statuses: visibleStatuses('team', true), limit, offset: 0 }, true),
      runId ? this.suggestions.countListsContaining(runId, partner.id) : 0,
    ]);
    return { list, inListsOf };
  }

  private async pageOf(runId: string | null, partner: PartnerEntity, search: SuggestionSearch, evenIfOptedOut = false): Promise<SuggestionPage> {
    if (!runId || (partner.matchingOptOut && !evenIfOptedOut)) return { runId, items: [], total: 0, searchedDepth: 0 };
    return { runId, ...(await this.suggestions.listFor(runId, partner.id, search)) };
  }
}
