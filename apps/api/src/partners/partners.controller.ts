import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CreatePartnerDto } from './dtos/create-partner.dto';
import { ListPartnersQueryDto } from './dtos/list-partners-query.dto';
import { PartnerDto, PartnerListDto } from './dtos/partner.dto';
import { RemovePartnerQueryDto } from './dtos/remove-partner-query.dto';
import { UpdatePartnerDto } from './dtos/update-partner.dto';
import { PartnerErasureService } from './partner-erasure.service';
import { PartnersService } from './partners.service';
import { OwnPartnerOnly, Roles } from '../auth/access.decorators';

const ID_OR_SLUG = { name: 'idOrSlug', description: 'The partner uuid or its slug' };

@ApiTags('partners')
@Controller('v1/partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnersService,
    private readonly erasure: PartnerErasureService,
  ) {}

  /** Registers a partner organisation; the slug is derived from the name. */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiProblems(400)
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
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems(404)
  async get(@Param('idOrSlug') idOrSlug: string): Promise<PartnerDto> {
    return PartnerDto.from(await this.partners.get(idOrSlug));
  }

  /** Changes the given fields only. */
  @Patch(':idOrSlug')
  @Roles('partner')
  @OwnPartnerOnly()
  @ApiParam(ID_OR_SLUG)
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems(400, 404)
  async update(@Param('idOrSlug') idOrSlug: string, @Body() body: UpdatePartnerDto): Promise<PartnerDto> {
    return PartnerDto.from(await this.partners.update(idOrSlug, body));
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
