import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import { CoalitionDto, CoalitionQueryDto } from './dtos/coalition.dto';
import { GapClosersDto, GapClosersQueryDto } from './dtos/gap-closers.dto';
import { GapsRankingDto, GapsRankingQueryDto, GemeenteGapsDto } from './dtos/gaps.dto';
import { GemeentenService } from './gemeenten.service';
import { Roles } from '../auth/access.decorators';

const GEMEENTE_CODE = { name: 'code', description: 'CBS gemeentecode, e.g. GM0344 (Utrecht)' };

@ApiTags('gemeenten')
@Roles('team')
@Controller('v1')
export class GemeentenController {
  constructor(private readonly gemeenten: GemeentenService) {}

  /**
   * A proposed local alliance: partners listing the gemeente (local or regional) and at most one
   * national partner that together cover the most leefdomeinen and sectors around shared opgaven.
   * Partners working only in a neighbour or within 20 km are considered when the gemeente's own
   * cannot start or fill the coalition; `widened` and `widenedReason` then say so. When a
   * candidate brings ervaringskennis (kennisbron `ervaring`), one is always included (the last
   * place is kept for it); `ervaringskennis` says whether one is, or why not.
   * Greedy: the best pair first, then each time the partner adding the most new leefdomeinen and sectors, weighted by the shared opgaven it works on and its pair
   * scores (active matching profile) with the members so far. Partners that opted out are never
   * proposed; partners that already work together may be. Each member comes with its reasons.
   * Fewer fitting partners than `size` give a smaller coalition, none an empty one; `note` says why.
   */
  @Get('gemeenten/:code/coalition')
  @ApiParam(GEMEENTE_CODE)
  @ApiOkResponse({ type: CoalitionDto })
  @ApiProblems(400, 404)
  coalition(@Param('code') code: string, @Query() query: CoalitionQueryDto): Promise<CoalitionDto> {
    return this.gemeenten.coalition(code, query);
  }

  /**
   * Which leefdomeinen, opgaven and sectors the local and regional partners listing the gemeente
   * leave uncovered, with a count per code; national partners are counted apart, and partners
   * that opted out of matching not at all.
   */
  @Get('gemeenten/:code/gaps')
  @ApiParam(GEMEENTE_CODE)
  @ApiOkResponse({ type: GemeenteGapsDto })
  @ApiProblems(404)
  gaps(@Param('code') code: string): Promise<GemeenteGapsDto> {
    return this.gemeenten.gaps(code);
  }

  /**
   * Partners that would close the gemeente's gaps: ranked by how many of the leefdomeinen and
   * opgaven that no local or regional partner listing the gemeente covers (see `/gaps`) they work
   * on. Candidates are local and regional partners working in a neighbour or within 20 km, and
   * national partners; partners that opted out of matching are left out, and so are those
   * covering nothing open. Ties: local and regional before national, then nearer, then by id.
   * Each comes with its reasons (`lang`). A malformed code is a 400, an unknown one a 404.
   */
  @Get('gemeenten/:code/gap-closers')
  @ApiParam({ ...GEMEENTE_CODE, schema: { type: 'string', pattern: '^[Gg][Mm][0-9]{4}$' } })
  @ApiOkResponse({ type: GapClosersDto })
  @ApiProblems(400, 404)
  gapClosers(@Param('code') code: string, @Query() query: GapClosersQueryDto): Promise<GapClosersDto> {
    return this.gemeenten.gapClosers(code, query);
  }

  /** Gemeenten ranked by how many leefdomeinen, opgaven and sectors they miss; ties: fewer partners first, then by code. */
  @Get('gaps')
  @ApiOkResponse({ type: GapsRankingDto })
  @ApiProblems(400)
  ranking(@Query() query: GapsRankingQueryDto): Promise<GapsRankingDto> {
    return this.gemeenten.ranking(query);
  }
}
