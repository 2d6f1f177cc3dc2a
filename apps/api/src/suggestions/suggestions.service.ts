import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import { filtersCandidates } from '@app/matching';
import { SuggestionRepository, type ListedKennisdelenSuggestion, type ListedSuggestion, type MatchStatus, type PartnerEntity, type SuggestionSearch } from '@app/persistence';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { serialise, SuggestionListCache, type Serialised } from '../list-cache/suggestion-list-cache';
import { PartnersService } from '../partners/partners.service';
import type { Caller } from '../auth/caller';
import type { ListSuggestionsQueryDto } from './dtos/list-suggestions-query.dto';
import { SuggestionDto, type SuggestionListDto } from './dtos/suggestion.dto';
import { FilteredSuggestionsService, type RankedSuggestion } from './filtered-suggestions.service';
import { visibleStatuses } from './visible-statuses';

export interface SuggestionPage {
  /** The run whose lists were read; null before the first run completed. */
  runId: string | null;
  items: ListedSuggestion[];
  total: number;
  /** How deep the stored list goes, whatever the filters kept of it. */
  searchedDepth: number;
}

/** The partner route's page: stored, or ranked on demand when filtered. */
interface ListPage extends Omit<SuggestionPage, 'items'> {
  items: (ListedSuggestion | RankedSuggestion)[];
  /** How many candidates the list chose among: the stored list's, or every partner passing the filters. */
  searchedCandidates: number;
  /** True when the filters were answered by ranking the candidates passing them (not the stored top k). */
  rankedOnDemand: boolean;
}

/** The candidate filters a kennisdelen list does not take. */
const KENNISDELEN_UNFILTERABLE = ['sector', 'opgave', 'leefdomein', 'maxDistanceKm', 'includeNational'] as const;

/** The one way a partner's list is read: by the partner route, the portal widget and the privacy export. */
@Injectable()
export class SuggestionsService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnersService,
    private readonly suggestions: SuggestionRepository,
    private readonly cache: SuggestionListCache,
    private readonly filtered: FilteredSuggestionsService,
  ) {}

  /** The partner route's answer, kept serialised: the hottest read then costs no JSON encoding either. */
  async list(idOrSlug: string, query: ListSuggestionsQueryDto, caller?: Caller): Promise<Serialised<SuggestionListDto>> {
    if (caller?.role === 'partner' && query.view === 'team') {
      throw DomainException.forbidden('A partner key sees the partner view only (view=partner)');
    }
    if (query.purpose === 'kennisdelen') return this.kennisdelenList(idOrSlug, query);
    const statuses = visibleStatuses(query.view, this.config.reviewRequired);
    return this.cache.read(JSON.stringify(['partner', idOrSlug, statuses, query]), async () => {
      // Independent lookups, so the partner's and the run's round trips overlap.
      const [partner, runId] = await Promise.all([this.partners.get(idOrSlug), this.suggestions.activeRunId()]);
      const { items, total, searchedDepth, searchedCandidates, rankedOnDemand } = await this.listPage(runId, partner, { ...query, statuses });
      return serialise<SuggestionListDto>({
        partner: PartnerRefDto.from(partner),
        purpose: 'samenwerken',
        runId,
        view: query.view,
        statuses,
        items: items.map((item) => SuggestionDto.from(item, query.lang, query.view)),
        total,
        searchedDepth,
        searchedCandidates,
        rankedOnDemand,
        limit: query.limit,
        offset: query.offset,
      });
    });
  }

  /**
   * A page of a partner's stored kennisdelen list, in either view: like a samenwerken list, the
   * partner sees the pairs the team approved for kennisdelen. No candidate filters: it is short.
   */
  private async kennisdelenList(idOrSlug: string, query: ListSuggestionsQueryDto): Promise<Serialised<SuggestionListDto>> {
    const filter = KENNISDELEN_UNFILTERABLE.find((field) => (field === 'includeNational' ? query.includeNational === false : query[field] !== undefined));
    if (filter) throw DomainException.validation([{ field: filter, message: 'does not apply to a kennisdelen list (purpose=kennisdelen)', value: query[filter] }]);
    const statuses = visibleStatuses(query.view, this.config.reviewRequired);
    return this.cache.read(JSON.stringify(['partner', idOrSlug, statuses, query]), async () => {
      const [partner, runId] = await Promise.all([this.partners.get(idOrSlug), this.suggestions.activeRunId()]);
      const { items, total } = await this.kennisdelenPageOf(runId, partner, { limit: query.limit, offset: query.offset, statuses });
      return serialise<SuggestionListDto>({
        partner: PartnerRefDto.from(partner),
        purpose: 'kennisdelen',
        runId,
        view: query.view,
        statuses,
        items: items.map((item) => SuggestionDto.fromKennisdelen(item, query.lang, query.view)),
        total,
        searchedDepth: total,
        searchedCandidates: total,
        rankedOnDemand: false,
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

  /** A page of the partner's kennisdelen list in the active run, of pairs with one of `statuses`; none for a partner that opted out. */
  async kennisdelenPage(partner: PartnerEntity, page: { statuses: readonly MatchStatus[]; limit: number; offset: number }): Promise<{ items: ListedKennisdelenSuggestion[]; total: number }> {
    return this.kennisdelenPageOf(await this.suggestions.activeRunId(), partner, page);
  }

  private async kennisdelenPageOf(runId: string | null, partner: PartnerEntity, page: { statuses: readonly MatchStatus[]; limit: number; offset: number }) {
    if (!runId || partner.matchingOptOut) return { items: [], total: 0 };
    return this.suggestions.kennisdelenListFor(runId, partner.id, page);
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

  /** A filtered read ranks the candidates passing the filters; the unfiltered one, the hottest, reads the stored list. */
  private async listPage(runId: string | null, partner: PartnerEntity, search: SuggestionSearch): Promise<ListPage> {
    if (!filtersCandidates(search)) {
      const stored = await this.pageOf(runId, partner, search);
      return { ...stored, searchedCandidates: stored.searchedDepth, rankedOnDemand: false };
    }
    if (!runId || partner.matchingOptOut) return { runId, items: [], total: 0, searchedDepth: 0, searchedCandidates: 0, rankedOnDemand: true };
    return { runId, ...(await this.filtered.page(runId, partner, search)), rankedOnDemand: true };
  }

  private async pageOf(runId: string | null, partner: PartnerEntity, search: SuggestionSearch, evenIfOptedOut = false): Promise<SuggestionPage> {
    if (!runId || (partner.matchingOptOut && !evenIfOptedOut)) return { runId, items: [], total: 0, searchedDepth: 0 };
    return { runId, ...(await this.suggestions.listFor(runId, partner.id, search)) };
  }
}
