import { ApiProperty, PickType } from '@nestjs/swagger';
import { FEEDBACK_VERDICTS, type FeedbackEntity, type FeedbackVerdict, type MatchEntity, type MatchEventEntity } from '@app/persistence';
import { ConnectionDto } from '../connections/dtos/connection.dto';
import { PartnerRefDto } from '../common/partner-ref.dto';
import { MatchDto, MatchEventDto } from '../matches/dtos/match.dto';
import { PartnerDto } from '../partners/dtos/partner.dto';
import { PersonDto } from '../people/dtos/person.dto';
import { SuggestionDto } from '../suggestions/dtos/suggestion.dto';

/** Which export: `partner` for the partner's own key, `team` (everything held) for admin and team keys. */
export const EXPORT_VIEWS = ['partner', 'team'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

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

/** The team's export: everything the service holds about one partner (AVG/GDPR right of access). */
export class PartnerExportDto {
  @ApiProperty({ enum: ['team'] })
  view: 'team';
  exportedAt: Date;
  /** The full profile, private fields included. */
  partner: PartnerDto;
  /** Its contact persons: who signs in for it and receives its mails, with their mail preferences. */
  @ApiProperty({ type: [PersonDto] })
  people: PersonDto[];
  connections: ConnectionDto[];
  /** Every suggested pair the partner is in, pending ones included, with the team's decisions, notes and actors. */
  matches: ExportedMatchDto[];
  /** Answers the partner gave, and answers others gave about it. */
  feedback: ExportedFeedbackDto[];
  /** Its current list, every open pair (as the team sees it). */
  suggestions: SuggestionDto[];
  /** How many other partners' current lists contain it. */
  inListsOf: number;
}

/** A pair the partner was shown, without the team's note. */
export class SharedMatchDto extends PickType(MatchDto, ['id', 'partnerA', 'partnerB', 'purpose', 'status', 'createdAt', 'updatedAt']) {
  static from(match: MatchEntity): SharedMatchDto {
    const { id, purpose, status, createdAt, updatedAt } = match;
    return { id, partnerA: PartnerRefDto.from(match.partnerA), partnerB: PartnerRefDto.from(match.partnerB), purpose, status, createdAt, updatedAt };
  }
}

/** A decision on such a pair: what changed and when, not who decided or why (the team's internal notes). */
export class SharedMatchEventDto extends PickType(MatchEventDto, ['from', 'to', 'at']) {
  static from(event: MatchEventEntity): SharedMatchEventDto {
    return { from: event.fromStatus, to: event.toStatus, at: event.createdAt };
  }
}

export class SharedExportedMatchDto {
  match: SharedMatchDto;
  /** The decisions on it, oldest first. */
  history: SharedMatchEventDto[];
}

/**
 * A partner's own export (AVG/GDPR right of access), for its partner key: its data and what
 * it was shown, never what the review gate keeps from it.
 */
export class OwnPartnerExportDto {
  @ApiProperty({ enum: ['partner'] })
  view: 'partner';
  exportedAt: Date;
  /** The full profile, private fields included. */
  partner: PartnerDto;
  /** Its contact persons: who signs in for it and receives its mails, with their mail preferences. */
  @ApiProperty({ type: [PersonDto] })
  people: PersonDto[];
  connections: ConnectionDto[];
  /** The pairs it was shown (approved or introduced at some time; every pair when review is off), with the decisions on them. */
  matches: SharedExportedMatchDto[];
  /** The answers it gave. */
  feedback: ExportedFeedbackDto[];
  /** Its current list as its own suggestions view shows it. */
  suggestions: SuggestionDto[];
}
