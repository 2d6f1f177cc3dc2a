import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { FUNNEL_STEPS, SUGGESTION_PURPOSES, type FunnelStep, type SuggestionPurpose } from '@app/persistence';
import { TaxonomyFiltersDto } from '../../common/taxonomy-filters.dto';

export class FunnelQueryDto extends PickType(TaxonomyFiltersDto, ['sector', 'province']) {
  /** Pairs first suggested on or after this day (UTC, `YYYY-MM-DD`). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a day of the calendar, YYYY-MM-DD' })
  from?: string;

  /** Pairs first suggested on or before this day (UTC, `YYYY-MM-DD`, the whole day counts). */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a day of the calendar, YYYY-MM-DD' })
  to?: string;

  /**
   * The pairs' purpose: `samenwerken` (local cross-sector collaboration, the default) or
   * `kennisdelen` (knowledge exchange). A pair has its decisions, answers and impressions per
   * purpose, so each funnel counts its own.
   */
  @IsOptional()
  @IsIn(SUGGESTION_PURPOSES)
  @ApiPropertyOptional({ enum: SUGGESTION_PURPOSES, default: 'samenwerken' })
  purpose: SuggestionPurpose = 'samenwerken';
}

export class FunnelStepDto {
  @ApiProperty({ enum: FUNNEL_STEPS })
  step: FunnelStep;
  /** Pairs that reached this step or a later one (a later step implies the earlier ones, so the funnel never widens). */
  pairs: number;
  /** Of those, pairs with a record of this very step (a status change, an impression, an answer, an outcome note). */
  recorded: number;
  /** `pairs` over the previous step's `pairs`; null for the first step or after an empty one. */
  rate: number | null;
}

export class FunnelCountsDto {
  /** In order: suggested, approved, shown, interested, introduced, talked, collaborating. */
  steps: FunnelStepDto[];
  /** Pairs where both partners answered "interested" (a part of the `interested` step). */
  interestedBothSides: number;
  /** `interestedBothSides` over the `interested` step's pairs; null when none. */
  bothSidesRate: number | null;
}

export class SectorPairFunnelDto extends FunnelCountsDto {
  /** The two sector codes, in alphabetical order (twice the same code for a same-sector pair). */
  sectors: string[];
}

export class FunnelFiltersDto {
  @ApiProperty({ type: String, nullable: true })
  from: string | null;
  @ApiProperty({ type: String, nullable: true })
  to: string | null;
  @ApiProperty({ type: String, nullable: true })
  province: string | null;
  @ApiProperty({ type: String, nullable: true })
  sector: string | null;
  @ApiProperty({ enum: SUGGESTION_PURPOSES })
  purpose: SuggestionPurpose;
}

export class FunnelDto extends FunnelCountsDto {
  /** The filters as applied. */
  filters: FunnelFiltersDto;
  /** The same steps per sector pair, most suggested pairs first. */
  bySectorPair: SectorPairFunnelDto[];
}
