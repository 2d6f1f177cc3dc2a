import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { SuggestionRepository } from '@app/persistence';
import { PartnerRefDto } from '../connections/dtos/connection.dto';
import { PartnersService } from '../partners/partners.service';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ListSuggestionsQueryDto } from './dtos/list-suggestions-query.dto';
import { SuggestionDto, SuggestionListDto } from './dtos/suggestion.dto';

@ApiTags('suggestions')
@Controller('v1/partners/:idOrSlug/suggestions')
export class SuggestionsController {
  constructor(
    private readonly partners: PartnersService,
    private readonly suggestions: SuggestionRepository,
  ) {}

  /**
   * The partner's ranked suggestions from the last completed run, kept current as partners
   * change, each with its score breakdown and reasons. A partner that opted out has none.
   */
  @Get()
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiOkResponse({ type: SuggestionListDto })
  @ApiProblems(400, 404)
  async list(@Param('idOrSlug') idOrSlug: string, @Query() query: ListSuggestionsQueryDto): Promise<SuggestionListDto> {
    const partner = await this.partners.get(idOrSlug);
    const runId = await this.suggestions.activeRunId();
    const { items, total } =
      runId && !partner.matchingOptOut ? await this.suggestions.listFor(runId, partner.id, query) : { items: [], total: 0 };
    return {
      partner: PartnerRefDto.from(partner),
      runId,
      items: items.map((suggestion) => SuggestionDto.from(suggestion, query.lang)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
