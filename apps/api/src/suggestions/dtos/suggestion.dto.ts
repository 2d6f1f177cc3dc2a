import { FEEDBACK_VERDICTS, MATCH_STATUSES, type FeedbackVerdict, type ListedSuggestion, type MatchStatus, type PartnerEntity, type SuggestionEntity } from '@app/persistence';
import { ApiProperty, PickType } from '@nestjs/swagger';
import { PartnerRefDto } from '../../common/partner-ref.dto';
import { PartnerDto } from '../../partners/dtos/partner.dto';
import { SUGGESTION_VIEWS, type SuggestionView } from './list-suggestions-query.dto';
import type { Language } from '../../common/language';

const PUBLIC_FIELDS = ['id', 'slug', 'name', 'sector', 'scope', 'gemeenten', 'leefdomeinen', 'opgaven', 'offers', 'needs', 'description', 'website'] as const;

/** What anyone may see of a suggested partner: never its contact e-mail. */
export class PublicPartnerDto extends PickType(PartnerDto, PUBLIC_FIELDS) {
  static from(partner: PartnerEntity): PublicPartnerDto {
    const { id, slug, name, sector, scope, gemeenten, leefdomeinen, opgaven, offers, needs, description, website } = partner;
    return { id, slug, name, sector, scope, gemeenten, leefdomeinen, opgaven, offers, needs, description, website };
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

  static from(reason: SuggestionEntity['reasons'][number], lang: Language): ReasonDto {
    return { code: reason.code, params: reason.params, text: reason[lang], share: reason.share };
  }
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
  /** The pair's match, which the team reviews (`PATCH /v1/matches/{id}`). */
  matchId: string;
  @ApiProperty({ enum: MATCH_STATUSES, description: 'Where the pair stands with the team' })
  status: MatchStatus;
  @ApiProperty({
    enum: FEEDBACK_VERDICTS,
    nullable: true,
    required: false,
    description:
      'Partner view only: the partner\'s own answer on this candidate (`POST .../feedback`), null before it answered. A `not-relevant` candidate leaves the list, so in practice `interested` or null.',
  })
  feedback?: FeedbackVerdict | null;

  static from({ suggestion, match, feedback }: ListedSuggestion, lang: Language, view?: SuggestionView): SuggestionDto {
    return {
      rank: suggestion.rank,
      score: suggestion.score,
      candidate: PublicPartnerDto.from(suggestion.candidate),
      components: suggestion.components as unknown as ComponentsDto,
      reasons: suggestion.reasons.map((reason) => ReasonDto.from(reason, lang)),
      distanceKm: suggestion.distanceKm,
      profileVersion: suggestion.profileVersion,
      computedAt: suggestion.computedAt,
      matchId: match.id,
      status: match.status,
      ...(view === 'partner' ? { feedback } : {}),
    };
  }
}

export class SuggestionListDto {
  partner: PartnerRefDto;
  /** The run whose lists are shown; null before the first run completed. */
  runId: string | null;
  @ApiProperty({ enum: SUGGESTION_VIEWS })
  view: SuggestionView;
  /** The match statuses this list includes (depends on the view and on whether review is required). */
  @ApiProperty({ enum: MATCH_STATUSES, isArray: true })
  statuses: MatchStatus[];
  items: SuggestionDto[];
  /** How many of the list's candidates pass the filters and statuses. */
  total: number;
  /**
   * How deep the filters looked: the length of the partner's stored list in this run (the
   * matching profile's k, fewer when fewer candidates qualify). Filters (`sector`,
   * `maxDistanceKm`, ...) choose within these candidates only, so a filtered list can be
   * shorter than `limit` although further candidates would qualify.
   */
  searchedDepth: number;
  limit: number;
  offset: number;
}
