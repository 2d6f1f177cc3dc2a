import { Controller, Get, HttpCode, HttpStatus, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { FunnelDto, FunnelQueryDto } from './dtos/funnel.dto';
import { InsightsService } from './insights.service';

@ApiTags('insights')
@Roles('team')
@Controller('v1/insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /**
   * The outcome funnel of suggested pairs: suggested → approved by the team → shown to a
   * partner → interested (one side; `interestedBothSides` for both) → introduced → talked →
   * working together (`collaborating`), with the rate between each step and the one before,
   * and the same per sector pair. A pair counts from when it was first suggested (`from`/`to`
   * choose those days, UTC) and at every step it reached since; a later step counts for the
   * earlier ones (a pair working together surely was introduced), so the funnel never widens,
   * and `recorded` says how many pairs have a record of the step itself.
   *
   * "Shown" is an impression: the partner read its own list (its console pages or its own key),
   * the portal widget showed it on the partner's page, or a digest mail listed it — not the
   * team's reads. Impressions are written in batches a few seconds after the read. "Talked" is a
   * follow-up answer of talked, planning or working together. `sector`: pairs with a partner of
   * that sector; `province`: pairs with a partner working in one of its gemeenten (national
   * partners list none). `purpose`: the samenwerken pairs (default) or the kennisdelen ones.
   */
  @Get('funnel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: FunnelDto })
  @ApiProblems(400)
  funnel(@Query() query: FunnelQueryDto): Promise<FunnelDto> {
    return this.insights.funnel(query);
  }
}
