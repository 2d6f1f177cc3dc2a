import type { PartnerEntity, SuggestionEntity } from '@app/persistence';
import type { Scope } from '@app/taxonomy';
import { PartnerRefDto } from '../../connections/dtos/connection.dto';
import type { Language } from './list-suggestions-query.dto';

/** What anyone may see of a suggested partner: never its contact e-mail. */
export class PublicPartnerDto {
  id: string;
  slug: string;
  name: string;
  sector: string;
  scope: Scope;
  gemeenten: string[];
  leefdomeinen: string[];
  opgaven: string[];
  offers: string[];
  needs: string[];
  description: string;
  website: string | null;

  static from(partner: PartnerEntity): PublicPartnerDto {
    return {
      id: partner.id,
      slug: partner.slug,
      name: partner.name,
      sector: partner.sector,
      scope: partner.scope,
      gemeenten: partner.gemeenten,
      leefdomeinen: partner.leefdomeinen,
      opgaven: partner.opgaven,
      offers: partner.offers,
      needs: partner.needs,
      description: partner.description,
      website: partner.website,
    };
  }
}

export class ReasonDto {
  /** Stable machine code, e.g. `shared-opgaven`. */
  code: string;
  /** The facts behind the sentence: codes, counts, km. */
  params: Record<string, unknown>;
  /** The reason in the requested language. */
  text: string;
  /** Part of the score this reason explains; the shares of a suggestion add up to its score. */
  share: number;
}

export class ComponentsDto {
  opgaven: number;
  leefdomeinen: number;
  sector: number;
  region: number;
  reciprocity: number;
  network: number;
}

export class SuggestionDto {
  /** 1 is the best match. */
  rank: number;
  /** Weighted score in [0, 1]. */
  score: number;
  candidate: PublicPartnerDto;
  /** Each component in [0, 1]. */
  components: ComponentsDto;
  reasons: ReasonDto[];
  /** Nearest distance between the two partners' gemeenten; null when either works nationally. */
  distanceKm: number | null;
  /** Version of the matching profile that produced the score. */
  profileVersion: number;
  computedAt: Date;

  static from(suggestion: SuggestionEntity, lang: Language): SuggestionDto {
    return {
      rank: suggestion.rank,
      score: suggestion.score,
      candidate: PublicPartnerDto.from(suggestion.candidate),
      components: suggestion.components as unknown as ComponentsDto,
      reasons: suggestion.reasons.map((reason) => ({ code: reason.code, params: reason.params, text: reason[lang], share: reason.share })),
      distanceKm: suggestion.distanceKm,
      profileVersion: suggestion.profileVersion,
      computedAt: suggestion.computedAt,
    };
  }
}

export class SuggestionListDto {
  partner: PartnerRefDto;
  /** The run whose lists are shown; null before the first run completed. */
  runId: string | null;
  items: SuggestionDto[];
  total: number;
  limit: number;
  offset: number;
}
