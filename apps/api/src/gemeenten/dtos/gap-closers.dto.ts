import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { GapCloser, GapClosers } from '@app/matching';
import type { PartnerEntity } from '@app/persistence';
import { SCOPES, type Scope } from '@app/taxonomy';
import { LANGUAGES, type Language } from '../../common/language';
import { PaginationQueryDto } from '../../common/pagination-query.dto';
import { PublicPartnerDto } from '../../suggestions/dtos/suggestion.dto';
import { ExplanationDto } from './coalition.dto';
import { GemeenteRefDto } from './gaps.dto';

export class GapClosersQueryDto extends PaginationQueryDto {
  /** Language of the reasons. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(LANGUAGES)
  lang: Language = 'nl';
}

export class OpenCodesDto {
  leefdomeinen: string[];
  opgaven: string[];
}

export class GapCloserDto {
  /** 1 covers the most. */
  rank: number;
  partner: PublicPartnerDto;
  @ApiProperty({ enum: SCOPES })
  scope: Scope;
  /** The gemeente's uncovered leefdomeinen and opgaven it works on, in taxonomy order. */
  covers: OpenCodesDto;
  /** How many of them: the ranking key. */
  count: number;
  /** From its nearest gemeente to this one; null for a national partner. */
  distanceKm: number | null;
  reasons: ExplanationDto[];

  static from(closer: GapCloser, rank: number, partner: PartnerEntity, lang: Language): GapCloserDto {
    return {
      rank,
      partner: PublicPartnerDto.from(partner),
      scope: closer.scope,
      covers: closer.covers,
      count: closer.count,
      distanceKm: closer.distanceKm,
      reasons: closer.reasons.map((reason) => ExplanationDto.from(reason, lang)),
    };
  }
}

export class GapClosersDto {
  gemeente: GemeenteRefDto;
  /** What the local and regional partners listing the gemeente leave uncovered (as /v1/gemeenten/{code}/gaps; sectors are not ranked here). */
  uncovered: OpenCodesDto;
  /** Partners considered: local and regional ones working in a neighbour or within 20 km, and national ones. */
  candidates: number;
  items: GapCloserDto[];
  /** Partners covering at least one uncovered code. */
  total: number;
  limit: number;
  offset: number;

  static from(ranked: GapClosers, partners: ReadonlyMap<string, PartnerEntity>, query: GapClosersQueryDto): GapClosersDto {
    return {
      gemeente: GemeenteRefDto.from(ranked.gemeente),
      uncovered: ranked.uncovered,
      candidates: ranked.candidates,
      items: ranked.closers
        .slice(query.offset, query.offset + query.limit)
        .map((closer, index) => GapCloserDto.from(closer, query.offset + index + 1, partners.get(closer.partnerId)!, query.lang)),
      total: ranked.closers.length,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
