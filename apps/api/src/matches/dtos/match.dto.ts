import { ApiProperty } from '@nestjs/swagger';
import { MATCH_STATUSES, SUGGESTION_PURPOSES, type MatchEntity, type MatchEventEntity, type MatchStatus, type SuggestionPurpose } from '@app/persistence';
import { PartnerRefDto } from '../../common/partner-ref.dto';
import { allowedNextStatuses } from '../match-transitions';

/** A suggested pair and where it stands with the team. The pair is unordered. */
export class MatchDto {
  id: string;
  partnerA: PartnerRefDto;
  partnerB: PartnerRefDto;
  /** What the pair was suggested for: samenwerken or kennisdelen. A pair has a match per purpose. */
  @ApiProperty({ enum: SUGGESTION_PURPOSES })
  purpose: SuggestionPurpose;
  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;
  /** Statuses the match can move to from here. */
  @ApiProperty({ enum: MATCH_STATUSES, isArray: true })
  nextStatuses: MatchStatus[];
  note: string | null;
  createdAt: Date;
  updatedAt: Date;

  static from(match: MatchEntity): MatchDto {
    return {
      id: match.id,
      partnerA: PartnerRefDto.from(match.partnerA),
      partnerB: PartnerRefDto.from(match.partnerB),
      purpose: match.purpose,
      status: match.status,
      nextStatuses: [...allowedNextStatuses(match.status)],
      note: match.note,
      createdAt: match.createdAt,
      updatedAt: match.updatedAt,
    };
  }
}

export class MatchListDto {
  items: MatchDto[];
}

/** One change in a match's audit trail. */
export class MatchEventDto {
  actor: string;
  @ApiProperty({ enum: MATCH_STATUSES })
  from: MatchStatus;
  @ApiProperty({ enum: MATCH_STATUSES })
  to: MatchStatus;
  note: string | null;
  at: Date;

  static from(event: MatchEventEntity): MatchEventDto {
    return { actor: event.actor, from: event.fromStatus, to: event.toStatus, note: event.note, at: event.createdAt };
  }
}

export class MatchHistoryDto {
  match: MatchDto;
  /** Every change, oldest first. */
  items: MatchEventDto[];
}
