import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { callerOf } from '../auth/caller';
import { ImpressionRecorder } from '../impressions/impression-recorder.service';
import { ApiProblems } from '../problems/api-problems.decorator';
import { EmbedSuggestionListDto } from './dtos/embed-suggestion.dto';
import { EmbedSuggestionsQueryDto } from './dtos/embed-suggestions-query.dto';
import { EmbedService } from './embed.service';
import { sendCached } from './http-cache';

/**
 * Browsers may keep the list for a minute; it is private because it depends on the key,
 * and it varies with the key and with the origin the CORS answer was made for.
 */
const CACHE_CONTROL = 'private, max-age=60';

@ApiTags('embed')
@Roles('portal', 'team')
@Controller('v1/embed/partners/:slug/suggestions')
export class EmbedController {
  constructor(
    private readonly embed: EmbedService,
    private readonly impressions: ImpressionRecorder,
  ) {}

  /**
   * The suggestions the team approved for a partner, for the portal's partner pages and the
   * `<partner-suggestions>` widget: public fields only, best first. A partner that opted out
   * of matching gets an empty list. Revalidate with `If-None-Match`.
   */
  @Get()
  @ApiParam({ name: 'slug', description: 'The partner whose page shows the list (its slug; its uuid works too)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An `ETag` from an earlier answer: 304 when the list is unchanged' })
  @ApiOkResponse({
    type: EmbedSuggestionListDto,
    headers: {
      ETag: { description: 'Strong validator: a hash of the body', schema: { type: 'string' } },
      'Cache-Control': { description: `\`${CACHE_CONTROL}\``, schema: { type: 'string' } },
      Vary: { description: '`Authorization, Origin`', schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: the `If-None-Match` tag is still current; no body' })
  @ApiProblems(400, 404)
  async list(
    @Param('slug') slug: string,
    @Query() query: EmbedSuggestionsQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const body = await this.embed.approvedSuggestions(slug, query);
    // Shown on the partner's portal page (a 304 too: the widget shows its kept copy); the team's reads are previews.
    if (callerOf(request)?.role === 'portal') this.impressions.shown('embed', body);
    response.vary('Authorization').vary('Origin');
    sendCached(request, response, body, 'application/json; charset=utf-8', CACHE_CONTROL);
  }
}
