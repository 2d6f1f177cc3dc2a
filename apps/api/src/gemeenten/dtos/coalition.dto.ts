import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Max, Min } from 'class-validator';
import { COALITION_DEFAULT_SIZE, COALITION_MAX_SIZE, COALITION_MIN_SIZE, type Coalition, type CoalitionOrigin, type Sentence } from '@app/matching';
import type { PartnerEntity } from '@app/persistence';
import { LANGUAGES, type Language } from '../../common/language';
import { PublicPartnerDto } from '../../suggestions/dtos/suggestion.dto';
import { GemeenteRefDto } from './gaps.dto';
import { IsIntegerQuery } from '../../common/integer-query.validator';

export class CoalitionQueryDto {
  /** Members wanted. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIntegerQuery()
  @Min(COALITION_MIN_SIZE)
  @Max(COALITION_MAX_SIZE)
  size: number = COALITION_DEFAULT_SIZE;

  /** Language of the reasons. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(LANGUAGES)
  lang: Language = 'nl';
}

export class ExplanationDto {
  /** Stable machine code, e.g. `adds-leefdomeinen`. */
  code: string;
  /** The facts behind the sentence: codes, counts, km. */
  params: Record<string, unknown>;
  /** The sentence in the requested language. */
  text: string;

  static from(sentence: Sentence, lang: Language): ExplanationDto {
    return { code: sentence.code, params: sentence.params, text: sentence[lang] };
  }
}

export class CoalitionMemberDto {
  /** 1-based, in the order the members were chosen: the first two are the starting pair. */
  position: number;
  partner: PublicPartnerDto;
  /** `gemeente`: lists the gemeente itself; `nearby`: works in a neighbour or within 20 km (only in a widened coalition); `national`: works nationwide. */
  @ApiProperty({ enum: ['gemeente', 'nearby', 'national'] })
  origin: CoalitionOrigin;
  /** Lists kennisbron `ervaring` (lived-experience knowledge). */
  bringsErvaringskennis: boolean;
  /** Leefdomeinen no earlier member covered. */
  addedLeefdomeinen: string[];
  /** Its sector when no earlier member had it. */
  addedSector: string | null;
  /** The coalition's shared opgaven it works on. */
  sharedOpgaven: string[];
  /** Mean pair score with the members before it (the first member: with the second). */
  pairScore: number;
  /** From its nearest gemeente to the coalition's gemeente; null for a national partner. */
  distanceKm: number | null;
  reasons: ExplanationDto[];
}

export class CodeSetsDto {
  leefdomeinen: string[];
  sectors: string[];
}

export class CandidateCountsDto {
  /** Local and regional partners listing the gemeente. */
  local: number;
  /** Local and regional partners working only in a neighbour or within 20 km: considered only when the coalition is widened. */
  nearby: number;
  /** National partners (at most one joins a coalition). */
  national: number;
}

/** Whether the coalition works with ervaringsdeskundigen (kennisbron `ervaring`). */
export class ErvaringskennisDto {
  /** At least one member brings ervaringskennis. */
  included: boolean;
  /** Candidates that bring it: in the gemeente or nationwide (nearby too when widened). A coalition includes one whenever this is above 0, unless it is empty. */
  candidates: number;
  /** Codes: `includes-ervaringskennis`, `no-ervaringskennis-available`, `ervaringskennis-without-coalition`. */
  reason: ExplanationDto;
}

export class CoalitionDto {
  gemeente: GemeenteRefDto;
  requestedSize: number;
  /** Members found: smaller than requested when too few partners fit (see `note`). */
  size: number;
  /** Partners taking part in matching that could join. */
  candidates: CandidateCountsDto;
  /** True when the gemeente's own and the national partners were too few, so nearby partners were considered too (see `widenedReason`). */
  widened: boolean;
  /** Why nearby partners were considered; null when the gemeente's own were enough. */
  widenedReason: ExplanationDto | null;
  ervaringskennis: ErvaringskennisDto;
  members: CoalitionMemberDto[];
  covered: CodeSetsDto;
  uncovered: CodeSetsDto;
  /** Opgaven at least two members work on. */
  sharedOpgaven: string[];
  /** (coverage + cohesion) / 2, in [0, 1]; 0 for an empty coalition. */
  score: number;
  /** (covered leefdomeinen / 8 + distinct sectors / members) / 2. */
  coverage: number;
  /** Mean pair score over all pairs of members. */
  cohesion: number;
  /** Why the coalition is empty or smaller than requested; null otherwise. */
  note: ExplanationDto | null;
  /** Version of the matching profile whose pair scores were used. */
  profileVersion: number;

  static from(coalition: Coalition, partners: ReadonlyMap<string, PartnerEntity>, lang: Language, profileVersion: number): CoalitionDto {
    return {
      gemeente: GemeenteRefDto.from(coalition.gemeente),
      requestedSize: coalition.requestedSize,
      size: coalition.members.length,
      candidates: coalition.candidates,
      widened: coalition.widened,
      widenedReason: coalition.widenedReason ? ExplanationDto.from(coalition.widenedReason, lang) : null,
      ervaringskennis: {
        included: coalition.ervaringskennis.included,
        candidates: coalition.ervaringskennis.candidates,
        reason: ExplanationDto.from(coalition.ervaringskennis.reason, lang),
      },
      members: coalition.members.map((member) => ({
        position: member.position,
        partner: PublicPartnerDto.from(partners.get(member.partnerId)!),
        origin: member.origin,
        bringsErvaringskennis: member.bringsErvaringskennis,
        addedLeefdomeinen: member.addedLeefdomeinen,
        addedSector: member.addedSector,
        sharedOpgaven: member.sharedOpgaven,
        pairScore: member.pairScore,
        distanceKm: member.distanceKm,
        reasons: member.reasons.map((reason) => ExplanationDto.from(reason, lang)),
      })),
      covered: coalition.covered,
      uncovered: coalition.uncovered,
      sharedOpgaven: coalition.sharedOpgaven,
      score: coalition.score,
      coverage: coalition.coverage,
      cohesion: coalition.cohesion,
      note: coalition.note ? ExplanationDto.from(coalition.note, lang) : null,
      profileVersion,
    };
  }
}
