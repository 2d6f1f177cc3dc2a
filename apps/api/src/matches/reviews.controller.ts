import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ReviewCountsDto, ReviewCountsQueryDto, ReviewItemDto, ReviewItemQueryDto, ReviewListDto, ReviewPairDto, ReviewQueryDto } from './dtos/review.dto';
import { MatchesService } from './matches.service';
import { Roles } from '../auth/access.decorators';

@ApiTags('review')
@Roles('team')
@Controller('v1/reviews')
export class ReviewsController {
  constructor(private readonly matches: MatchesService) {}

  /**
   * The team's review queue: suggested pairs in the current lists of one purpose (`samenwerken`
   * by default, or `kennisdelen`: a pair is decided on per purpose), pending ones by default,
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

  /**
   * The queue's counts per status under its filters (purpose, sector, gemeente or province,
   * opgave, leefdomein, minimum score, mutual interest), in one request: each equals the `total` of
   * `GET /v1/reviews` with that status and the same filters.
   */
  @Get('counts')
  @ApiOkResponse({ type: ReviewCountsDto })
  @ApiProblems(400)
  counts(@Query() query: ReviewCountsQueryDto): Promise<ReviewCountsDto> {
    return this.matches.reviewCounts(query);
  }

  /**
   * One pair as the queue shows it (score, breakdown, reasons, feedback), whatever its status,
   * with the run it was scored in.
   * 404 for an unknown or malformed id, and for a pair in none of the current lists (a rejected
   * or declined pair, or one no longer suggested): without a list entry it has no score.
   */
  @Get(':id')
  @ApiParam({ name: 'id', description: 'The match uuid' })
  @ApiOkResponse({ type: ReviewPairDto })
  @ApiProblems(400, 404)
  async get(@Param('id') id: string, @Query() query: ReviewItemQueryDto): Promise<ReviewPairDto> {
    const { runId, item } = await this.matches.reviewItem(id);
    return { ...ReviewItemDto.from(item, query.lang), runId };
  }
}
