import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ErasureRequestDto, ErasureRequestListDto, RequestErasureDto } from './dtos/erasure-request.dto';
import { ErasureRequestsService } from './erasure-requests.service';

const ID_OR_SLUG = { name: 'idOrSlug', description: 'The partner uuid or its slug' };

@ApiTags('privacy')
@Controller('v1')
export class ErasureRequestsController {
  constructor(private readonly erasure: ErasureRequestsService) {}

  /**
   * The partner asks to be erased (AVG/GDPR right to erasure). Nothing is erased yet: an admin
   * confirms with `DELETE /v1/partners/{idOrSlug}?erase=true`. Asking again renews the request.
   */
  @Post('partners/:idOrSlug/erasure-request')
  @Roles('partner')
  @OwnPartnerOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiParam(ID_OR_SLUG)
  @ApiAcceptedResponse({ type: ErasureRequestDto })
  @ApiProblems(400, 404)
  request(@Param('idOrSlug') idOrSlug: string, @Body() body: RequestErasureDto, @CurrentCaller() caller?: Caller): Promise<ErasureRequestDto> {
    return this.erasure.request(idOrSlug, body, caller);
  }

  /** The partner's open erasure request; 404 when it has none. */
  @Get('partners/:idOrSlug/erasure-request')
  @Roles('team', 'partner')
  @OwnPartnerOnly()
  @ApiParam(ID_OR_SLUG)
  @ApiOkResponse({ type: ErasureRequestDto })
  @ApiProblems(404)
  get(@Param('idOrSlug') idOrSlug: string): Promise<ErasureRequestDto> {
    return this.erasure.get(idOrSlug);
  }

  /** Declines (withdraws) the partner's request without erasing anything. */
  @Delete('partners/:idOrSlug/erasure-request')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(ID_OR_SLUG)
  @ApiNoContentResponse({ description: 'The request is gone; the partner is kept' })
  @ApiProblems(404)
  decline(@Param('idOrSlug') idOrSlug: string): Promise<void> {
    return this.erasure.decline(idOrSlug);
  }

  /** Every open erasure request, oldest first, for the admins to confirm or decline. */
  @Get('erasure-requests')
  @Roles('admin')
  @ApiOkResponse({ type: ErasureRequestListDto })
  @ApiProblems()
  async list(): Promise<ErasureRequestListDto> {
    return { items: await this.erasure.list() };
  }
}
