import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MatchDto, MatchEventDto, MatchHistoryDto, MatchListDto } from './dtos/match.dto';
import { BulkUpdateMatchesDto, UpdateMatchDto } from './dtos/update-match.dto';
import { MatchesService } from './matches.service';
import { Roles } from '../auth/access.decorators';
import { CurrentCaller, type Caller } from '../auth/caller';

@ApiTags('review')
@Roles('team')
@Controller('v1/matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  /**
   * Applies one decision to many matches: all of them change, or — when an id is unknown
   * (404) or a move is not allowed for one of them (409) — none does.
   */
  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MatchListDto })
  @ApiProblems(400, 404, 409)
  async bulk(@Body() decision: BulkUpdateMatchesDto, @CurrentCaller() caller: Caller): Promise<MatchListDto> {
    return { items: (await this.matches.bulk(decision, caller.name)).map(MatchDto.from) };
  }

  /** One suggested pair and where it stands. */
  @Get(':id')
  @ApiParam({ name: 'id', description: 'The match uuid' })
  @ApiOkResponse({ type: MatchDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<MatchDto> {
    return MatchDto.from(await this.matches.get(id));
  }

  /**
   * Decides on a pair. pending → approved | rejected; approved → introduced | rejected |
   * pending; introduced → collaborating (recorded as a connection) | declined; rejected and
   * declined → pending. Rejected and declined pairs are never suggested again, and partners
   * see approved pairs only (while review is required). A move not allowed from the current
   * status is 409. The history records the caller's key name as who decided.
   */
  @Patch(':id')
  @ApiParam({ name: 'id', description: 'The match uuid' })
  @ApiOkResponse({ type: MatchDto })
  @ApiProblems(400, 404, 409)
  async update(@Param('id') id: string, @Body() decision: UpdateMatchDto, @CurrentCaller() caller: Caller): Promise<MatchDto> {
    return MatchDto.from(await this.matches.update(id, decision, caller.name));
  }

  /** Every status change of the match, oldest first: who, from, to, note, when. */
  @Get(':id/history')
  @ApiParam({ name: 'id', description: 'The match uuid' })
  @ApiOkResponse({ type: MatchHistoryDto })
  @ApiProblems(404)
  async history(@Param('id') id: string): Promise<MatchHistoryDto> {
    const { match, events } = await this.matches.history(id);
    return { match: MatchDto.from(match), items: events.map(MatchEventDto.from) };
  }
}
