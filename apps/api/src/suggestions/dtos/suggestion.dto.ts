import { FEEDBACK_VERDICTS, MATCH_STATUSES, SUGGESTION_PURPOSES, type SuggestionPurpose, type FeedbackVerdict, type ListedKennisdelenSuggestion, type ListedSuggestion, type MatchStatus, type PartnerEntity, type SuggestionEntity } from '@app/persistence';
import { ApiExtraModels, ApiProperty, getSchemaPath, PickType } from '@nestjs/swagger';
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

/** A kennisdelen suggestion's components, each in [0, 1]: what the pair shares and brings each other. */
export class KennisdelenComponentsDto {
  opgaven: number;
  leefdomeinen: number;
  /** Share of the three kennisbronnen (wetenschap, praktijk, ervaring) one brings and the other does not. */
  kennisbronnen: number;
  /** Tanimoto of the verandertheorie levels both state; 0 when either states none. */
  verandertheorie: number;
  /** 1 for two partners of one sector (peers), the profile's `crossSectorPeers` otherwise. */
  peers: number;
}

/** A suggestion ranked on demand, whose pair may have no match yet. */
interface SuggestionWithoutMatch extends Omit<ListedSuggestion, 'match'> {
  match: { id: string | null; status: MatchStatus };
}

@ApiExtraModels(ComponentsDto, KennisdelenComponentsDto)
export class SuggestionDto {
  /** 1 is the best match. */
  rank: number;
  /** Weighted score in [0, 1]. */
  score: number;
  candidate: PublicPartnerDto;
  /** Each component in [0, 1]: the samenwerken components, or the kennisdelen ones in a `purpose=kennisdelen` list. */
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(ComponentsDto) }, { $ref: getSchemaPath(KennisdelenComponentsDto) }] })
  components: ComponentsDto | KennisdelenComponentsDto;
  reasons: ReasonDto[];
  /** Nearest distance between the two partners' gemeenten; null when either works nationally. */
  distanceKm: number | null;
  /** Version of the matching profile that produced the score. */
  profileVersion: number;
  computedAt: Date;
  /**
   * The pair's match, which the team reviews (`PATCH /v1/matches/{id}`). Null only in a list
   * ranked on demand (`rankedOnDemand`), for a pair no stored list has held: the team has not
   * seen it yet (its status reads `pending`). A kennisdelen item shows the pair's kennisdelen
   * match: the team decides on a pair per purpose.
   */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  matchId: string | null;
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

  static fromKennisdelen(item: ListedKennisdelenSuggestion, lang: Language, view?: SuggestionView): SuggestionDto {
    return {
      rank: item.rank,
      score: item.score,
      candidate: PublicPartnerDto.from(item.candidate),
      components: item.components,
      reasons: item.reasons.map((reason) => ReasonDto.from(reason, lang)),
      distanceKm: item.distanceKm,
      profileVersion: item.profileVersion,
      computedAt: item.computedAt,
      matchId: item.match.id,
      status: item.match.status,
      ...(view === 'partner' ? { feedback: item.feedback } : {}),
    };
  }

  static from({ suggestion, match, feedback }: ListedSuggestion | SuggestionWithoutMatch, lang: Language, view?: SuggestionView): SuggestionDto {
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
  @ApiProperty({ enum: SUGGESTION_PURPOSES, description: 'Which list this is (the `purpose` asked for)' })
  purpose: SuggestionPurpose;
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
   * How many places the searched list holds. Unfiltered: the partner's stored list of the run
   * (the matching profile's k, fewer when fewer candidates qualify). Filtered
   * (`rankedOnDemand`): the list ranked on demand among the candidates passing the filters,
   * again up to k — so a filtered list is as long as an unfiltered one where k candidates pass.
   */
  searchedDepth: number;
  /**
   * How many candidates the list chose among: unfiltered, the stored list's; filtered, every
   * partner that passes the filters and may be suggested (not itself, not connected, not
   * rejected, not opted out), each scored for this read.
   */
  searchedCandidates: number;
  /**
   * True when a filter (`sector`, `opgave`, `leefdomein`, `maxDistanceKm`, `includeNational=false`)
   * was given: the partner was then scored on demand against every candidate passing it, with
   * the active run's matching profile, diversity step and reasons, and `rank` is the place in
   * that filtered list (1 is the best passing candidate). Without filters, the stored list.
   */
  rankedOnDemand: boolean;
  limit: number;
  offset: number;
}
