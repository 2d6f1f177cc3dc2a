import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath, IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { FEEDBACK_VERDICTS, MATCH_STATUSES, SUGGESTION_PURPOSES, type FeedbackVerdict, type MatchStatus, type ReviewItem, type SuggestionPurpose } from '@app/persistence';
import { PaginationQueryDto } from '../../common/pagination-query.dto';
import { TaxonomyFiltersDto } from '../../common/taxonomy-filters.dto';
import { LANGUAGES, type Language } from '../../common/language';
import { ComponentsDto, KennisdelenComponentsDto, PublicPartnerDto, ReasonDto } from '../../suggestions/dtos/suggestion.dto';
import { allowedNextStatuses } from '../match-transitions';

/** Filters on either partner of a pair: its sector, gemeente or province, opgave, leefdomein. */
export class ReviewQueryDto extends IntersectionType(PaginationQueryDto, TaxonomyFiltersDto) {
  /** Which pairs to show; the queue of undecided pairs by default. */
  @IsOptional()
  @ApiProperty({ enum: MATCH_STATUSES, required: false, default: 'pending' })
  @IsIn(MATCH_STATUSES)
  status: MatchStatus = 'pending';

  /**
   * Whose pairs: samenwerken (working together locally, the default) or kennisdelen (learning
   * from each other). The team decides on a pair per purpose.
   */
  @IsOptional()
  @IsIn(SUGGESTION_PURPOSES)
  @ApiPropertyOptional({ enum: SUGGESTION_PURPOSES, default: 'samenwerken' })
  purpose: SuggestionPurpose = 'samenwerken';

  /** Only pairs scoring at least this. */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  minScore?: number;

  /** Only pairs where both partners said they are interested. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  mutualInterest?: boolean;

  /** Language of the reasons. */
  @IsOptional()
  @IsIn(LANGUAGES)
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl' })
  lang: Language = 'nl';
}

/** The counts take the queue's filters, not its status, page or language. */
export class ReviewCountsQueryDto extends OmitType(ReviewQueryDto, ['status', 'limit', 'offset', 'lang']) {}

/** The single-pair read takes only the reasons' language. */
export class ReviewItemQueryDto extends PickType(ReviewQueryDto, ['lang']) {}

export class FeedbackSummaryDto {
  /** The partner that answered. */
  partnerId: string;
  @ApiProperty({ enum: FEEDBACK_VERDICTS })
  verdict: FeedbackVerdict;
  reason: string | null;
  updatedAt: Date;
}

/** A pair to decide on, with everything behind its score. */
@ApiExtraModels(ComponentsDto, KennisdelenComponentsDto)
export class ReviewItemDto {
  /** The match id, for `PATCH /v1/matches/{id}`. */
  id: string;
  /** What the pair was suggested for; its decision holds for this purpose only. */
  @ApiProperty({ enum: SUGGESTION_PURPOSES })
  purpose: SuggestionPurpose;
  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;
  @ApiProperty({ enum: MATCH_STATUSES, isArray: true })
  nextStatuses: MatchStatus[];
  note: string | null;
  score: number;
  partnerA: PublicPartnerDto;
  partnerB: PublicPartnerDto;
  /** The samenwerken components, or the kennisdelen ones for a kennisdelen pair. */
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(ComponentsDto) }, { $ref: getSchemaPath(KennisdelenComponentsDto) }] })
  components: ComponentsDto | KennisdelenComponentsDto;
  /** The reasons as the partner `reasonsFor` reads them. */
  reasons: ReasonDto[];
  reasonsFor: string;
  distanceKm: number | null;
  feedback: FeedbackSummaryDto[];
  /** Both partners said they are interested. */
  mutualInterest: boolean;

  static from({ match, suggestion, feedback }: ReviewItem, lang: Language): ReviewItemDto {
    return {
      id: match.id,
      purpose: match.purpose,
      status: match.status,
      nextStatuses: [...allowedNextStatuses(match.status)],
      note: match.note,
      score: suggestion.score,
      partnerA: PublicPartnerDto.from(match.partnerA),
      partnerB: PublicPartnerDto.from(match.partnerB),
      components: suggestion.components as unknown as ComponentsDto | KennisdelenComponentsDto,
      reasons: suggestion.reasons.map((reason) => ReasonDto.from(reason, lang)),
      reasonsFor: suggestion.partnerId,
      distanceKm: suggestion.distanceKm,
      feedback: feedback.map((entry) => ({ partnerId: entry.partnerId, verdict: entry.verdict, reason: entry.reason, updatedAt: entry.updatedAt })),
      mutualInterest: feedback.filter((entry) => entry.verdict === 'interested').length === 2,
    };
  }
}

/** One pair, with the run its score comes from (whose profile's weights make up the score). */
export class ReviewPairDto extends ReviewItemDto {
  runId: string;
}

export class ReviewListDto {
  /** The run whose lists the queue is drawn from; null before the first run. */
  runId: string | null;
  items: ReviewItemDto[];
  total: number;
  limit: number;
  offset: number;
}

/** Pairs of the current lists per status, under the filters asked for. */
export class ReviewStatusCountsDto {
  pending: number;
  approved: number;
  rejected: number;
  introduced: number;
  collaborating: number;
  declined: number;
}

export class ReviewCountsDto {
  /** The run whose lists are counted; null before the first run (then every count is 0). */
  runId: string | null;
  /** What the queue's `total` is for each status under the same filters. */
  counts: ReviewStatusCountsDto;
}
