import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseIfMatch } from '../common/if-match';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CreatePartnerDto } from './dtos/create-partner.dto';
import { ListPartnersQueryDto } from './dtos/list-partners-query.dto';
import { PartnerDto, PartnerListDto, partnerEtag } from './dtos/partner.dto';
import { RemovePartnerQueryDto } from './dtos/remove-partner-query.dto';
import { UpdatePartnerDto } from './dtos/update-partner.dto';
import { PartnerErasureService } from './partner-erasure.service';
import { PartnersService } from './partners.service';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

const ID_OR_SLUG = { name: 'idOrSlug', description: 'The partner uuid or its slug' };

const ETAG_HEADER = {
  ETag: {
    description: 'Strong validator of the stored partner: changes with every change to it. Send it as `If-Match` with a PATCH to have the PATCH refused (412) when someone changed the partner since',
    schema: { type: 'string', example: '"0b6f3c1e-2f4a-4c1d-9a53-6f1d2b7e8a90.3"' },
  },
};

@ApiTags('partners')
@Controller('v1/partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly erasure: PartnerErasureService,
  ) {}

  /**
   * Registers a partner organisation; the slug is derived from the name. A name whose slug
   * an existing partner has is a 409 naming that partner, unless `allowSimilarName: true`.
   */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiProblems(400, 409)
  async create(@Body() body: CreatePartnerDto): Promise<PartnerDto> {
    return PartnerDto.from(await this.partners.create(body));
  }

  /** Lists partners by name, filtered; filters combine with AND. */
  @Get()
  @Roles('team')
  @ApiOkResponse({ type: PartnerListDto })
  @ApiProblems(400)
  async list(@Query() query: ListPartnersQueryDto): Promise<PartnerListDto> {
    const { items, total } = await this.partners.list(query);
    return { items: items.map(PartnerDto.from), total, limit: query.limit, offset: query.offset };
  }

  /** One partner by id or slug. */
  @Get(':idOrSlug')
  @Roles('team', 'partner')
  @OwnPartnerOnly()
  @ApiParam(ID_OR_SLUG)
  @ApiOkResponse({ type: PartnerDto, headers: ETAG_HEADER })
  @ApiProblems(404)
  async get(@Param('idOrSlug') idOrSlug: string, @Res({ passthrough: true }) response: Response): Promise<PartnerDto> {
    const partner = await this.partners.get(idOrSlug);
    response.setHeader('ETag', partnerEtag(partner));
    return PartnerDto.from(partner);
  }

  /**
   * Changes the given fields only; concurrent PATCHes of different fields are all kept. With
   * `If-Match`, only while the partner is unchanged since that ETag was read (else 412, nothing written).
   */
  @Patch(':idOrSlug')
  @Roles('partner')
  @OwnPartnerOnly()
  @ApiParam(ID_OR_SLUG)
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'An `ETag` of the partner (or `*`): the PATCH is applied only if it is still current, else 412. A value that is no entity-tag list is a 400',
  })
  @ApiOkResponse({ type: PartnerDto, headers: ETAG_HEADER })
  @ApiProblems(400, 404, 412)
  async update(
    @Param('idOrSlug') idOrSlug: string,
    @Body() body: UpdatePartnerDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PartnerDto> {
    const updated = await this.partners.update(idOrSlug, body, parseIfMatch(ifMatch));
    response.setHeader('ETag', partnerEtag(updated));
    return PartnerDto.from(updated);
  }

  /**
   * Removes the partner with its connections, lists, matches and feedback; the lists it was
   * in are repaired. With `erase=true` its mentions elsewhere are anonymised too.
   */
  @Delete(':idOrSlug')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(ID_OR_SLUG)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 404)
  async remove(@Param('idOrSlug') idOrSlug: string, @Query() query: RemovePartnerQueryDto): Promise<void> {
    if (query.erase) await this.erasure.erase(idOrSlug);
    else await this.partners.remove(idOrSlug);
  }
}
