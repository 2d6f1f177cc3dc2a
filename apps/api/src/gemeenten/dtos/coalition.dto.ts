import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Max, Min } from 'class-validator';
import { COALITION_DEFAULT_SIZE, COALITION_MAX_SIZE, COALITION_MIN_SIZE, type Coalition, type Sentence } from '@app/matching';
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
  /** Local and regional partners working in the gemeente or near it. */
  local: number;
  /** National partners (at most one joins a coalition). */
  national: number;
}

export class CoalitionDto {
  gemeente: GemeenteRefDto;
  requestedSize: number;
  /** Members found: smaller than requested when too few partners fit (see `note`). */
  size: number;
  /** Partners taking part in matching that could join. */
  candidates: CandidateCountsDto;
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
      members: coalition.members.map((member) => ({
        position: member.position,
        partner: PublicPartnerDto.from(partners.get(member.partnerId)!),
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
