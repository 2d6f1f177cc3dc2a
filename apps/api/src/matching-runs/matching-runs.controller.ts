import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MatchingRunsService } from '@app/suggestions';
import type { Response } from 'express';
import { PaginationQueryDto } from '../common/pagination-query.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MatchingRunDto, MatchingRunListDto } from './dtos/matching-run.dto';
import { LOCATION_OF_RUN } from './run-location';
import { Roles } from '../auth/access.decorators';

@ApiTags('matching runs')
@Roles('team')
@Controller('v1/matching/runs')
export class MatchingRunsController {
  constructor(private readonly runs: MatchingRunsService) {}

  /**
   * Starts a full run: every list is recomputed and switched in at once when the run
   * completes; until then readers see the previous lists. One run at a time.
   */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MatchingRunDto, description: 'Queued; follow the Location header for progress', headers: LOCATION_OF_RUN })
  @ApiProblems(409)
  async start(@Res({ passthrough: true }) response: Response): Promise<MatchingRunDto> {
    const run = await this.runs.request('manual');
    response.setHeader('Location', `/v1/matching/runs/${run.id}`);
    return MatchingRunDto.from(run);
  }

  /** Runs, newest first. */
  @Get()
  @ApiOkResponse({ type: MatchingRunListDto })
  @ApiProblems(400)
  async list(@Query() query: PaginationQueryDto): Promise<MatchingRunListDto> {
    const { items, total } = await this.runs.list(query.limit, query.offset);
    return { items: items.map(MatchingRunDto.from), total, limit: query.limit, offset: query.offset };
  }

  /** Status and progress of one run. */
  @Get(':id')
  @ApiOkResponse({ type: MatchingRunDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<MatchingRunDto> {
    return MatchingRunDto.from(await this.runs.get(id));
  }
}
