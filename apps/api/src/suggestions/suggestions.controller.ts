import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import { SuggestionRepository, type MatchStatus } from '@app/persistence';
import type { Response } from 'express';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { PartnersService } from '../partners/partners.service';
import { CurrentCaller, type Caller } from '../auth/caller';
import { SuggestionListCache } from '../list-cache/suggestion-list-cache';
import { ApiProblems } from '../problems/api-problems.decorator';
import { FeedbackDto, GiveFeedbackDto } from './dtos/feedback.dto';
import { ListSuggestionsQueryDto } from './dtos/list-suggestions-query.dto';
import { SuggestionDto, SuggestionListDto } from './dtos/suggestion.dto';
import { FeedbackService } from './feedback.service';
import { visibleStatuses } from './visible-statuses';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

@ApiTags('suggestions')
@Roles('team', 'partner')
@OwnPartnerOnly()
@Controller('v1/partners/:idOrSlug/suggestions')
export class SuggestionsController {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnersService,
    private readonly suggestions: SuggestionRepository,
    private readonly feedback: FeedbackService,
    private readonly cache: SuggestionListCache,
  ) {}

  /**
   * The partner's ranked suggestions from the last completed run, kept current as partners
   * change, each with its score breakdown, reasons and review status. A partner that opted
   * out has none; candidates it called not relevant are left out.
   */
  @Get()
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiOkResponse({ type: SuggestionListDto })
  @ApiProblems(400, 404)
  async list(
    @Param('idOrSlug') idOrSlug: string,
    @Query() query: ListSuggestionsQueryDto,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller?: Caller,
  ): Promise<string> {
    if (caller?.role === 'partner' && query.view === 'team') {
      throw DomainException.forbidden('A partner key sees the partner view only (view=partner)');
    }
    const statuses = visibleStatuses(query.view, this.config.reviewRequired);
    // Kept serialised: the hottest read then costs no JSON encoding either.
    const body = await this.cache.read(JSON.stringify(['partner', idOrSlug, statuses, query]), async () =>
      JSON.stringify(await this.readList(idOrSlug, query, statuses)),
    );
    response.type('application/json');
    return body;
  }

  private async readList(idOrSlug: string, query: ListSuggestionsQueryDto, statuses: MatchStatus[]): Promise<SuggestionListDto> {
    // Independent lookups, so the partner's and the run's round trips overlap.
    const [partner, runId] = await Promise.all([this.partners.get(idOrSlug), this.suggestions.activeRunId()]);
    const { items, total } =
      runId && !partner.matchingOptOut ? await this.suggestions.listFor(runId, partner.id, { ...query, statuses }) : { items: [], total: 0 };
    return {
      partner: PartnerRefDto.from(partner),
      runId,
      view: query.view,
      statuses,
      items: items.map((item) => SuggestionDto.from(item, query.lang)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * The partner's answer to one suggestion. `not-relevant` takes the candidate out of this
   * partner's list; when both partners are `interested` the team sees the pair flagged.
   * A partner key answers only on candidates its partner view shows; any other candidate,
   * pending review or never suggested, is the same 404.
   */
  @Post(':candidateIdOrSlug/feedback')
  @HttpCode(HttpStatus.OK) // the latest answer replaces an earlier one
  @ApiParam({ name: 'idOrSlug', description: 'The partner giving feedback (uuid or slug)' })
  @ApiParam({ name: 'candidateIdOrSlug', description: 'The suggested partner (uuid or slug)' })
  @ApiOkResponse({ type: FeedbackDto })
  @ApiProblems(400, 404)
  give(
    @Param('idOrSlug') idOrSlug: string,
    @Param('candidateIdOrSlug') candidateIdOrSlug: string,
    @Body() body: GiveFeedbackDto,
    @CurrentCaller() caller?: Caller,
  ): Promise<FeedbackDto> {
    return this.feedback.give(idOrSlug, candidateIdOrSlug, body, caller?.role === 'partner' ? 'partner' : 'team');
  }
}
