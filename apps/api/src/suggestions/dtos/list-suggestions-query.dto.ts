import { ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination-query.dto';
import { TaxonomyFiltersDto } from '../../common/taxonomy-filters.dto';
import { IsIntegerQuery } from '../../common/integer-query.validator';
import { LANGUAGES, type Language } from '../../common/language';
import { SUGGESTION_PURPOSES, type SuggestionPurpose } from '@app/persistence';

export const SUGGESTION_VIEWS = ['partner', 'team'] as const;
export type SuggestionView = (typeof SUGGESTION_VIEWS)[number];

/** Filters on the candidate: its sector, opgave, leefdomein, distance. */
export class ListSuggestionsQueryDto extends IntersectionType(PickType(TaxonomyFiltersDto, ['sector', 'opgave', 'leefdomein']), PickType(PaginationQueryDto, ['offset'])) {
  /**
   * `partner`: what the partner may see — only pairs the team approved (or introduced), unless
   * review is switched off. `team`: every pair still open, pending ones included.
   */
  @IsOptional()
  @IsIn(SUGGESTION_VIEWS)
  @ApiPropertyOptional({ enum: SUGGESTION_VIEWS, default: 'partner' })
  view: SuggestionView = 'partner';

  /**
   * Which list: `samenwerken` (local collaboration across sectors, the default) or
   * `kennisdelen` (knowledge exchange: partners doing the same work, however far apart). The
   * team reviews a pair per purpose, so the partner view of a kennisdelen list holds the pairs
   * approved for kennisdelen. A kennisdelen list takes no candidate filters (400 naming one).
   */
  @IsOptional()
  @IsIn(SUGGESTION_PURPOSES)
  @ApiPropertyOptional({ enum: SUGGESTION_PURPOSES, default: 'samenwerken' })
  purpose: SuggestionPurpose = 'samenwerken';

  /** Language of the reasons. */
  @IsOptional()
  @IsIn(LANGUAGES)
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl' })
  lang: Language = 'nl';

  /**
   * Only candidates whose nearest gemeente is at most this far. A national candidate has no
   * distance (it works everywhere) and always qualifies; leave national candidates out with
   * `includeNational=false`.
   */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(400)
  maxDistanceKm?: number;

  /** `false` leaves out candidates that work nationally (scope `national`). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  @ApiPropertyOptional({ default: true })
  includeNational: boolean = true;

  @IsOptional()
  @IsIntegerQuery()
  @Min(1)
  @Max(100)
  @ApiPropertyOptional({ default: 20 })
  limit: number = 20;
}
