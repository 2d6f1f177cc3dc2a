import { ApiProperty } from '@nestjs/swagger';
import { FEEDBACK_VERDICTS, type FeedbackEntity, type FeedbackVerdict } from '@app/persistence';
import { ConnectionDto } from '../connections/dtos/connection.dto';
import { MatchDto, MatchEventDto } from '../matches/dtos/match.dto';
import { PartnerDto } from '../partners/dtos/partner.dto';
import { SuggestionDto } from '../suggestions/dtos/suggestion.dto';

export class ExportedMatchDto {
  match: MatchDto;
  /** Its audit trail, oldest first. */
  history: MatchEventDto[];
}

export class ExportedFeedbackDto {
  /** The partner that answered. */
  partnerId: string;
  /** The partner the answer is about. */
  candidateId: string;
  @ApiProperty({ enum: FEEDBACK_VERDICTS })
  verdict: FeedbackVerdict;
  reason: string | null;
  updatedAt: Date;

  static from(feedback: FeedbackEntity): ExportedFeedbackDto {
    return { partnerId: feedback.partnerId, candidateId: feedback.candidateId, verdict: feedback.verdict, reason: feedback.reason, updatedAt: feedback.updatedAt };
  }
}

/** Everything the service holds about one partner (AVG/GDPR right of access). */
export class PartnerExportDto {
  exportedAt: Date;
  /** The full profile, private fields included. */
  partner: PartnerDto;
  connections: ConnectionDto[];
  /** Every suggested pair the partner is in, with the team's decisions on it. */
  matches: ExportedMatchDto[];
  /** Answers the partner gave, and answers others gave about it. */
  feedback: ExportedFeedbackDto[];
  /** Its current list, every open pair (as the team sees it). */
  suggestions: SuggestionDto[];
  /** How many other partners' current lists contain it. */
  inListsOf: number;
}
