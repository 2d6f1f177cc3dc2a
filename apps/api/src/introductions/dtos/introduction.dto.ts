import { ApiProperty } from '@nestjs/swagger';
import { OUTCOME_ANSWERS, type OutcomeAnswer } from '@app/mail';
import { MATCH_STATUSES, type MatchStatus } from '@app/persistence';

/** The partner one was introduced to, with the contact details the introduction mail shared. */
export class IntroducedPartnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  slug: string;
  name: string;
  sector: string;
  @ApiProperty({ type: String, nullable: true })
  website: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'email' })
  contactEmail: string | null;
}

export class IntroducedContactDto {
  name: string;
  @ApiProperty({ format: 'email' })
  email: string;
}

/** An answer to the follow-up "Did it lead to something?". */
export class OutcomeAnswerDto {
  @ApiProperty({ enum: OUTCOME_ANSWERS })
  answer: OutcomeAnswer;
  /** The answer in the requested language. */
  label: string;
  /** Who answered (`Name <e-mail>`), of either partner. */
  by: string;
  at: Date;
}

/** What partners that work together said came of it. */
export class IntroductionReportDto {
  text: string;
  /** How many children or families were reached, when they said. */
  @ApiProperty({ type: Number, nullable: true })
  reached: number | null;
  at: Date;
}

export class IntroductionDto {
  /** The pair (match) id. */
  @ApiProperty({ format: 'uuid' })
  id: string;
  other: IntroducedPartnerDto;
  @ApiProperty({ type: [IntroducedContactDto] })
  contacts: IntroducedContactDto[];
  /** `introduced`, then `collaborating` or `declined` as the answers move it. */
  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;
  introducedAt: Date;
  /** The team's note with the introduction, as the mail carried it. */
  @ApiProperty({ type: String, nullable: true })
  note: string | null;
  @ApiProperty({ type: [OutcomeAnswerDto] })
  outcomes: OutcomeAnswerDto[];
  @ApiProperty({ type: [IntroductionReportDto] })
  reports: IntroductionReportDto[];
}

export class IntroductionListDto {
  @ApiProperty({ type: [IntroductionDto] })
  items: IntroductionDto[];
}
