import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ReviewItemDto, ReviewListDto, ReviewQueryDto } from './dtos/review.dto';
import { MatchesService } from './matches.service';
import { Roles } from '../auth/access.decorators';

@ApiTags('review')
@Roles('team')
@Controller('v1/reviews')
export class ReviewsController {
  constructor(private readonly matches: MatchesService) {}

  /**
   * The team's review queue: suggested pairs in the current lists (pending ones by default),
   * highest score first, each with both partners, the score breakdown, the reasons, the
   * partners' feedback and a flag when both are interested.
   */
  @Get()
  @ApiOkResponse({ type: ReviewListDto })
  @ApiProblems(400)
  async list(@Query() query: ReviewQueryDto): Promise<ReviewListDto> {
    const { runId, items, total } = await this.matches.reviews(query);
    return { runId, items: items.map((item) => ReviewItemDto.from(item, query.lang)), total, limit: query.limit, offset: query.offset };
  }
}
