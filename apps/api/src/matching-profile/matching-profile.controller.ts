import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DomainException } from '@app/errors';
import { LOCATION_OF_RUN } from '../matching-runs/run-location';
import { ActiveKennisdelenProfileService, ActiveMatchingProfileService } from '@app/suggestions';
import type { Response } from 'express';
import { ApiProblems } from '../problems/api-problems.decorator';
import { validatedAs } from '../problems/validation';
import { MatchingProfileActivationDto, MatchingProfileDto, MatchingProfileListDto, MatchingProfilePreviewDto } from './dtos/matching-profile.dto';
import { MatchingProfileSettingsDto, SaveMatchingProfileDto } from './dtos/matching-profile-settings.dto';
import { KennisdelenProfileActivationDto, KennisdelenProfileDto, KennisdelenProfileListDto, SaveKennisdelenProfileDto } from './dtos/kennisdelen-profile.dto';
import { MatchingProfilePurposeQueryDto, MatchingProfileVersionsQueryDto, oneOfPurposes } from './dtos/matching-profile-purpose.dto';
import { MatchingProfileService } from './matching-profile.service';
import { WeightSuggestionDto } from './dtos/weight-suggestion.dto';
import { Roles } from '../auth/access.decorators';

/** The preview and the suggested weights are about the samenwerken profile only. */
function assertSamenwerken({ purpose }: MatchingProfilePurposeQueryDto): void {
  if (purpose !== 'samenwerken') {
    throw DomainException.validation([{ field: 'purpose', message: 'purpose must be samenwerken: the preview and the suggested weights are about the samenwerken profile only', value: purpose }]);
  }
}

/**
 * Each purpose has its own versioned profile, chosen with `purpose` (samenwerken when left out):
 * `samenwerken` answers and takes the MatchingProfile DTOs, `kennisdelen` the KennisdelenProfile ones.
 */
@ApiTags('matching profile')
@Roles('team')
@Controller('v1/matching/profile')
export class MatchingProfileController {
  constructor(
    private readonly activeProfile: ActiveMatchingProfileService,
    private readonly kennisdelenProfile: ActiveKennisdelenProfileService,
    private readonly profiles: MatchingProfileService,
  ) {}

  /** The purpose's active profile: its latest saved version, else the built-in version 1. */
  @Get()
  @ApiExtraModels(MatchingProfileDto, KennisdelenProfileDto)
  @ApiOkResponse({ description: 'MatchingProfileDto for `purpose=samenwerken`, KennisdelenProfileDto for `purpose=kennisdelen`', schema: oneOfPurposes(MatchingProfileDto, KennisdelenProfileDto) })
  @ApiProblems(400)
  async get(@Query() query: MatchingProfilePurposeQueryDto): Promise<MatchingProfileDto | KennisdelenProfileDto> {
    if (query.purpose === 'kennisdelen') return KennisdelenProfileDto.from(await this.kennisdelenProfile.active());
    return MatchingProfileDto.from(await this.activeProfile.active());
  }

  /**
   * Saves the settings as a new version of the purpose's profile and starts the full run that
   * applies it; until the run completes readers see the previous lists. The body is a
   * SaveMatchingProfileDto (samenwerken) or, with `purpose=kennisdelen`, a SaveKennisdelenProfileDto,
   * and may be what `GET` answered with that purpose, edited: `createdAt` is ignored, and
   * `version` (the version it was read at) makes the save a 409 if another version of that
   * purpose was saved since. Refused, storing nothing, while another run is unfinished.
   */
  @Put()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiExtraModels(SaveMatchingProfileDto, SaveKennisdelenProfileDto, MatchingProfileActivationDto, KennisdelenProfileActivationDto)
  @ApiBody({
    description: 'SaveMatchingProfileDto for `purpose=samenwerken`, SaveKennisdelenProfileDto for `purpose=kennisdelen`',
    schema: { oneOf: [{ $ref: getSchemaPath(SaveMatchingProfileDto) }, { $ref: getSchemaPath(SaveKennisdelenProfileDto) }] },
  })
  @ApiAcceptedResponse({
    schema: oneOfPurposes(MatchingProfileActivationDto, KennisdelenProfileActivationDto),
    description: 'Saved; the run is queued, follow the Location header for progress',
    headers: LOCATION_OF_RUN,
  })
  @ApiProblems(400, 409)
  async save(
    @Query() query: MatchingProfilePurposeQueryDto,
    // Validated here, against the purpose's DTO: the pipe validates each parameter on its own.
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MatchingProfileActivationDto | KennisdelenProfileActivationDto> {
    const saved =
      query.purpose === 'kennisdelen'
        ? await this.profiles.activateKennisdelen(await validatedAs(SaveKennisdelenProfileDto, body))
        : await this.profiles.activate(await validatedAs(SaveMatchingProfileDto, body));
    response.setHeader('Location', `/v1/matching/runs/${saved.run.id}`);
    return saved;
  }

  /** Every version of the purpose's profile, newest first; the built-in version 1 is the last. */
  @Get('versions')
  @ApiExtraModels(MatchingProfileListDto, KennisdelenProfileListDto)
  @ApiOkResponse({ description: 'MatchingProfileListDto for `purpose=samenwerken`, KennisdelenProfileListDto for `purpose=kennisdelen`', schema: oneOfPurposes(MatchingProfileListDto, KennisdelenProfileListDto) })
  @ApiProblems(400)
  async versions(@Query() query: MatchingProfileVersionsQueryDto): Promise<MatchingProfileListDto | KennisdelenProfileListDto> {
    const page = { limit: query.limit, offset: query.offset };
    if (query.purpose === 'kennisdelen') {
      const { items, total } = await this.kennisdelenProfile.versions(query.limit, query.offset);
      return { purpose: 'kennisdelen', items: items.map(KennisdelenProfileDto.from), total, ...page };
    }
    const { items, total } = await this.activeProfile.versions(query.limit, query.offset);
    return { purpose: 'samenwerken', items: items.map(MatchingProfileDto.from), total, ...page };
  }

  /**
   * Weights learnt from the team's and partners' decisions, proposed beside today's and never
   * applied: a logistic regression (ml-logistic-regression) on the standardised score components
   * of each decided pair — approved, introduced, collaborating and "interested" positive;
   * rejected, declined and "not relevant" negative — with coefficients turned into non-negative
   * weights that add up to what today's do. `auc` compares today's and the proposed weights on
   * held-out decisions (5-fold). Feed `proposed` to the preview and save it, or not. Fewer than 30
   * decisions of either kind: 422 saying how many more are needed. Samenwerken only:
   * `purpose=kennisdelen` is a 400 naming `purpose`.
   */
  @Post('suggest')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: WeightSuggestionDto })
  @ApiProblems(400, 422)
  suggest(@Query() query: MatchingProfilePurposeQueryDto): Promise<WeightSuggestionDto> {
    assertSamenwerken(query);
    return this.profiles.suggest();
  }

  /**
   * What-if without saving: every partner's list under the proposed settings, compared with
   * today's lists — how many change, the mean overlap of the top 10, and who gains or loses most.
   * The body may be what `GET` answered: `version`, `createdAt` and `note` are ignored.
   * Samenwerken only: `purpose=kennisdelen` is a 400 naming `purpose`.
   */
  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: MatchingProfileSettingsDto })
  @ApiOkResponse({ type: MatchingProfilePreviewDto })
  @ApiProblems(400)
  async preview(@Query() query: MatchingProfilePurposeQueryDto, @Body() body: Record<string, unknown>): Promise<MatchingProfilePreviewDto> {
    // Validated after `purpose`, so a kennisdelen preview is refused for what it is.
    assertSamenwerken(query);
    return this.profiles.preview(await validatedAs(MatchingProfileSettingsDto, body));
  }
}
