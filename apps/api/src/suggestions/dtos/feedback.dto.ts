import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { FEEDBACK_VERDICTS, SUGGESTION_PURPOSES, type FeedbackEntity, type FeedbackVerdict, type PartnerEntity, type SuggestionPurpose } from '@app/persistence';
import { PartnerRefDto } from '../../common/partner-ref.dto';
import { IsOmittable } from '../../common/presence.validator';

export class GiveFeedbackDto {
  @ApiProperty({ enum: FEEDBACK_VERDICTS })
  @IsIn(FEEDBACK_VERDICTS)
  verdict: FeedbackVerdict;

  /** Why, in the partner's words (seen by the team). */
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  /** Which list the candidate was suggested in, samenwerken when omitted: an answer holds for that purpose only. */
  @IsOmittable()
  @IsIn(SUGGESTION_PURPOSES)
  @ApiPropertyOptional({ enum: SUGGESTION_PURPOSES })
  purpose?: SuggestionPurpose;
}

export class FeedbackDto {
  partner: PartnerRefDto;
  candidate: PartnerRefDto;
  @ApiProperty({ enum: SUGGESTION_PURPOSES })
  purpose: SuggestionPurpose;
  @ApiProperty({ enum: FEEDBACK_VERDICTS })
  verdict: FeedbackVerdict;
  reason: string | null;
  updatedAt: Date;
  /** Both partners said they are interested in each other: the team sees the pair flagged. */
  mutualInterest: boolean;

  static from(partner: PartnerEntity, candidate: PartnerEntity, feedback: FeedbackEntity, mutualInterest: boolean): FeedbackDto {
    return {
      partner: PartnerRefDto.from(partner),
      candidate: PartnerRefDto.from(candidate),
      purpose: feedback.purpose,
      verdict: feedback.verdict,
      reason: feedback.reason,
      updatedAt: feedback.updatedAt,
      mutualInterest,
    };
  }
}
