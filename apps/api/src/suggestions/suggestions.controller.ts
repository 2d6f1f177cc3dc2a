import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../auth/caller';
import { RecordImpressionsInterceptor } from '../impressions/record-impressions.interceptor';
import type { Serialised } from '../list-cache/suggestion-list-cache';
import { ApiProblems } from '../problems/api-problems.decorator';
import { FeedbackDto, GiveFeedbackDto } from './dtos/feedback.dto';
import { ListSuggestionsQueryDto } from './dtos/list-suggestions-query.dto';
import { SuggestionListDto } from './dtos/suggestion.dto';
import { FeedbackService } from './feedback.service';
import { SuggestionsService } from './suggestions.service';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

@ApiTags('suggestions')
@Roles('team', 'partner')
@OwnPartnerOnly()
@Controller('v1/partners/:idOrSlug/suggestions')
export class SuggestionsController {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly feedback: FeedbackService,
  ) {}

  /**
   * The partner's ranked suggestions from the last completed run, kept current as partners
   * change, each with its score breakdown, reasons and review status. A partner that opted
   * out has none; candidates it called not relevant are left out.
   *
   * Order: by `rank`, which is the score re-ranked for a mix of sectors (the matching
   * profile's `diversity`): a candidate of a sector the list lacks can come before a
   * higher score, and every suggestion so moved carries a `diversity-moved` reason with its
   * place by score alone (`params.scoreRank`).
   *
   * Filters (`sector`, `opgave`, `leefdomein`, `maxDistanceKm`, `includeNational=false`) rank
   * on demand: the partner is scored against every candidate passing them with the active
   * run's profile, and the best k are re-ranked and explained as a run's list is
   * (`rankedOnDemand: true`, `searchedCandidates` of them scored). So a filtered list is as
   * long as an unfiltered one where k candidates pass. National candidates have no distance
   * and pass `maxDistanceKm` unless `includeNational=false`.
   */
  @Get()
  @UseInterceptors(RecordImpressionsInterceptor)
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiOkResponse({ type: SuggestionListDto })
  @ApiProblems(400, 404)
  async list(
    @Param('idOrSlug') idOrSlug: string,
    @Query() query: ListSuggestionsQueryDto,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller?: Caller,
  ): Promise<Serialised<SuggestionListDto>> {
    const body = await this.suggestions.list(idOrSlug, query, caller);
    response.type('application/json');
    return body;
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
