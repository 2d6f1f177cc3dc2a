import { SUGGESTION_PURPOSES, type ListedKennisdelenSuggestion, type ListedSuggestion, type PartnerEntity, type SuggestionEntity, type SuggestionPurpose } from '@app/persistence';
import { findGemeente, labelOf, taxonomy } from '@app/taxonomy';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PartnerRefDto } from '../../common/partner-ref.dto';
import { LANGUAGES, type Language } from '../../common/language';
import { PublicPartnerDto, ReasonDto } from '../../suggestions/dtos/suggestion.dto';

/** A suggested partner as a public page may show it, with its labels in the requested language. */
export class EmbedPartnerDto extends PublicPartnerDto {
  /** The sector's label in the requested language. */
  sectorLabel: string;
  /** Names of the gemeenten it works in, in the order of `gemeenten`; empty for a national partner. */
  gemeenteNames: string[];

  static withLabels(partner: PartnerEntity, lang: Language): EmbedPartnerDto {
    return {
      ...PublicPartnerDto.from(partner),
      sectorLabel: labelOf(taxonomy.sectors, partner.sector, lang),
      gemeenteNames: partner.gemeenten.map((code) => findGemeente(code)?.name ?? code),
    };
  }
}

/**
 * A reason as a public page may show it: without its share of the score, which is a weight
 * times a score component. In the order the reasons explain most of the score first.
 */
export class EmbedReasonDto extends OmitType(ReasonDto, ['share']) {
  static from(reason: SuggestionEntity['reasons'][number], lang: Language): EmbedReasonDto {
    return { code: reason.code, params: reason.params, text: reason[lang] };
  }
}

/**
 * One approved suggestion. Deliberately without the match id, its review status and the
 * score components (also not as the reasons' shares): those are the team's working data,
 * not something to publish.
 */
export class EmbedSuggestionDto {
  /** 1 is the best match. */
  rank: number;
  /** Weighted score in [0, 1]. */
  score: number;
  candidate: EmbedPartnerDto;
  /** Why this partner is suggested, in the requested language. */
  reasons: EmbedReasonDto[];

  static from({ suggestion }: ListedSuggestion, lang: Language): EmbedSuggestionDto {
    return {
      rank: suggestion.rank,
      score: suggestion.score,
      candidate: EmbedPartnerDto.withLabels(suggestion.candidate, lang),
      reasons: suggestion.reasons.map((reason) => EmbedReasonDto.from(reason, lang)),
    };
  }

  static fromKennisdelen(item: ListedKennisdelenSuggestion, lang: Language): EmbedSuggestionDto {
    return {
      rank: item.rank,
      score: item.score,
      candidate: EmbedPartnerDto.withLabels(item.candidate, lang),
      reasons: item.reasons.map((reason) => EmbedReasonDto.from(reason, lang)),
    };
  }
}

export class EmbedSuggestionListDto {
  /** The partner whose page shows the list. */
  partner: PartnerRefDto;
  /** Which list: partners to work with locally (samenwerken) or to learn from (kennisdelen). */
  @ApiProperty({ enum: SUGGESTION_PURPOSES })
  purpose: SuggestionPurpose;
  @ApiProperty({ enum: LANGUAGES })
  lang: Language;
  items: EmbedSuggestionDto[];
  /** Approved suggestions of this partner in all, of which `limit` at most are in `items`. */
  total: number;
  limit: number;
}
