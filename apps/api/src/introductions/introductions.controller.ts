import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { IntroductionListDto } from './dtos/introduction.dto';
import { ListIntroductionsQueryDto } from './dtos/list-introductions-query.dto';
import { IntroductionsService } from './introductions.service';

@ApiTags('review')
@Roles('team', 'partner')
@OwnPartnerOnly()
@Controller('v1/partners/:idOrSlug/introductions')
export class IntroductionsController {
  constructor(private readonly introductions: IntroductionsService) {}

  /**
   * The pairs the team introduced this partner in, newest introduction first: the other
   * partner with the contact details the introduction mail shared, the pair's status, the
   * team's note, the answers both sides gave to the follow-ups and what they reported.
   */
  @Get()
  @ApiParam({ name: 'idOrSlug', description: 'The partner uuid or its slug' })
  @ApiOkResponse({ type: IntroductionListDto })
  @ApiProblems(400, 404)
  async list(@Param('idOrSlug') idOrSlug: string, @Query() query: ListIntroductionsQueryDto): Promise<IntroductionListDto> {
    return { items: await this.introductions.list(idOrSlug, query.lang ?? 'nl') };
  }
}
