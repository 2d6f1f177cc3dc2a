import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LOCATION_OF_RUN } from '../matching-runs/run-location';
import { ActiveMatchingProfileService } from '@app/suggestions';
import type { Response } from 'express';
import { PaginationQueryDto } from '../common/pagination-query.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MatchingProfileActivationDto, MatchingProfileDto, MatchingProfileListDto, MatchingProfilePreviewDto } from './dtos/matching-profile.dto';
import { MatchingProfileSettingsDto, SaveMatchingProfileDto } from './dtos/matching-profile-settings.dto';
import { MatchingProfileService } from './matching-profile.service';
import { WeightSuggestionDto } from './dtos/weight-suggestion.dto';
import { Roles } from '../auth/access.decorators';

@ApiTags('matching profile')
@Roles('team')
@Controller('v1/matching/profile')
export class MatchingProfileController {
  constructor(
    private readonly activeProfile: ActiveMatchingProfileService,
    private readonly profiles: MatchingProfileService,
  ) {}

  /** The active matching profile: the latest saved version, else the built-in version 1. */
  @Get()
  @ApiOkResponse({ type: MatchingProfileDto })
  @ApiProblems()
  async get(): Promise<MatchingProfileDto> {
    return MatchingProfileDto.from(await this.activeProfile.active());
  }

  /**
   * Saves the settings as a new version and starts the full run that applies it; until the
   * run completes readers see the previous lists. The body may be what `GET` answered, edited:
   * `createdAt` is ignored, and `version` (the version it was read at) makes the save a 409 if
   * another version was saved since. Refused, storing nothing, while another
   * run is unfinished.
   */
  @Put()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: MatchingProfileActivationDto, description: 'Saved; the run is queued, follow the Location header for progress', headers: LOCATION_OF_RUN })
  @ApiProblems(400, 409)
  async save(@Body() body: SaveMatchingProfileDto, @Res({ passthrough: true }) response: Response): Promise<MatchingProfileActivationDto> {
    const saved = await this.profiles.activate(body);
    response.setHeader('Location', `/v1/matching/runs/${saved.run.id}`);
    return saved;
  }

  /** Every version, newest first; the built-in version 1 is the last. */
  @Get('versions')
  @ApiOkResponse({ type: MatchingProfileListDto })
  @ApiProblems(400)
  async versions(@Query() query: PaginationQueryDto): Promise<MatchingProfileListDto> {
    const { items, total } = await this.activeProfile.versions(query.limit, query.offset);
    return { items: items.map(MatchingProfileDto.from), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Weights learnt from the team's and partners' decisions, proposed beside today's and never
   * applied: a logistic regression (ml-logistic-regression) on the standardised score components
   * of each decided pair — approved, introduced, collaborating and "interested" positive;
   * rejected, declined and "not relevant" negative — with coefficients turned into non-negative
   * weights that add up to what today's do. `auc` compares today's and the proposed weights on
   * held-out decisions (5-fold). Feed `proposed` to the preview and save it, or not. Fewer than 30
   * decisions of either kind: 422 saying how many more are needed.
   */
  @Post('suggest')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: WeightSuggestionDto })
  @ApiProblems(422)
  suggest(): Promise<WeightSuggestionDto> {
    return this.profiles.suggest();
  }

  /**
   * What-if without saving: every partner's list under the proposed settings, compared with
   * today's lists — how many change, the mean overlap of the top 10, and who gains or loses most.
   * The body may be what `GET` answered: `version`, `createdAt` and `note` are ignored.
   */
  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MatchingProfilePreviewDto })
  @ApiProblems(400)
  preview(@Body() body: MatchingProfileSettingsDto): Promise<MatchingProfilePreviewDto> {
    return this.profiles.preview(body);
  }
}
