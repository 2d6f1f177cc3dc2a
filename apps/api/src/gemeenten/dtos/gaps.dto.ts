import { IsOptional } from 'class-validator';
import type { Coverage, GemeenteGaps } from '@app/matching';
import { findGemeente, PROVINCE_CODES } from '@app/taxonomy';
import { IsCode } from '../../common/is-code.validator';
import { PaginationQueryDto } from '../../common/pagination-query.dto';

export class GapsRankingQueryDto extends PaginationQueryDto {
  /** Only the gemeenten of this province (CBS code, e.g. PV26). */
  @IsOptional()
  @IsCode(PROVINCE_CODES, { optional: true })
  province?: string;
}

export class GemeenteRefDto {
  /** CBS gemeentecode. */
  code: string;
  name: string;
  /** CBS province code. */
  province: string;

  static from(code: string): GemeenteRefDto {
    const { name, province } = findGemeente(code)!;
    return { code, name, province };
  }
}

export class CodeCountDto {
  /** A code of /v1/taxonomy. */
  code: string;
  /** Partners covering it. */
  count: number;
}

/** Per leefdomein, opgave and sector (every code, in taxonomy order) how many partners cover it. */
export class CoverageDto {
  /** Partners counted. */
  partners: number;
  leefdomeinen: CodeCountDto[];
  opgaven: CodeCountDto[];
  sectors: CodeCountDto[];
}

/** The codes no partner covers. */
export class UncoveredDto {
  leefdomeinen: string[];
  opgaven: string[];
  sectors: string[];
}

export class GemeenteGapsDto {
  gemeente: GemeenteRefDto;
  /** Local and regional partners that list the gemeente and take part in matching. */
  coverage: CoverageDto;
  uncovered: UncoveredDto;
  /** Uncovered leefdomeinen, opgaven and sectors together. */
  missing: number;
  /** National partners (they work everywhere, so they are counted apart, the same for every gemeente). */
  national: CoverageDto;

  static from(gaps: GemeenteGaps, national: Coverage): GemeenteGapsDto {
    return {
      gemeente: GemeenteRefDto.from(gaps.gemeente),
      coverage: gaps.coverage,
      uncovered: gaps.uncovered,
      missing: gaps.missing,
      national,
    };
  }
}

export class GapsRankingItemDto {
  /** 1 misses the most. */
  rank: number;
  gemeente: GemeenteRefDto;
  /** Local and regional partners that list the gemeente and take part in matching. */
  partners: number;
  /** Uncovered leefdomeinen, opgaven and sectors together. */
  missing: number;
  uncovered: UncoveredDto;

  static from(gaps: GemeenteGaps, rank: number): GapsRankingItemDto {
    return { rank, gemeente: GemeenteRefDto.from(gaps.gemeente), partners: gaps.coverage.partners, missing: gaps.missing, uncovered: gaps.uncovered };
  }
}

export class GapsRankingDto {
  items: GapsRankingItemDto[];
  /** Gemeenten ranked (all, or those of the province). */
  total: number;
  limit: number;
  offset: number;
}
