import { DEFAULT_LEEFDOMEINEN_COVERAGE, DEFAULT_REGIONAL_REACH, type MatchingProfile } from '@app/matching';
import type { MatchingProfileVersion } from '@app/suggestions';
import { ApiProperty } from '@nestjs/swagger';
import { PartnerRefDto } from '../../common/partner-ref.dto';
import { MatchingRunDto } from '../../matching-runs/dtos/matching-run.dto';
import { MatchingProfileFieldsDto } from './matching-profile-settings.dto';

/** A version of the samenwerken profile (`purpose=samenwerken`, the default). */
export class MatchingProfileDto extends MatchingProfileFieldsDto {
  @ApiProperty({ enum: ['samenwerken'] })
  purpose: 'samenwerken';
  /** 1 is the built-in default; each saved version is the previous highest + 1. */
  version: number;
  note: string | null;
  /** When the version was saved; null for the built-in version 1. */
  createdAt: Date | null;

  static from({ profile, note, createdAt }: MatchingProfileVersion): MatchingProfileDto {
    return { purpose: 'samenwerken', version: profile.version, ...settingsOf(profile), note, createdAt };
  }
}

/** A profile's settings as the API shows them, the optional ones with the defaults the core applies. */
export function settingsOf(profile: MatchingProfile): MatchingProfileFieldsDto {
  return {
    weights: profile.weights,
    sectorAffinity: profile.sectorAffinity,
    regionHalfDistanceKm: profile.regionHalfDistanceKm,
    nationalReach: profile.nationalReach,
    regionalReach: profile.regionalReach ?? DEFAULT_REGIONAL_REACH,
    leefdomeinenCoverage: profile.leefdomeinenCoverage ?? DEFAULT_LEEFDOMEINEN_COVERAGE,
    k: profile.k,
    diversity: profile.diversity,
    maxTopPlaces: profile.maxTopPlaces ?? null,
    maxOpenIntroductions: profile.maxOpenIntroductions ?? null,
  };
}

export class MatchingProfileListDto {
  @ApiProperty({ enum: ['samenwerken'] })
  purpose: 'samenwerken';
  items: MatchingProfileDto[];
  total: number;
  limit: number;
  offset: number;
}

export class MatchingProfileActivationDto {
  @ApiProperty({ enum: ['samenwerken'] })
  purpose: 'samenwerken';
  profile: MatchingProfileDto;
  /** The full run that applies the new version; until it completes readers see the previous lists. */
  run: MatchingRunDto;
}

/** How a partner's presence in other partners' top-10 lists would move. */
export class PartnerShiftDto {
  partner: PartnerRefDto;
  /** Top-10 lists of other partners it is in today. */
  before: number;
  /** Top-10 lists of other partners it would be in. */
  after: number;
  change: number;
}

/** What a proposed profile would do to today's lists; nothing is saved. */
export class MatchingProfilePreviewDto {
  /** The run whose lists are today's; null before the first run completed (then every non-empty list is new). */
  runId: string | null;
  /** Partners that take part in matching, plus any with a stored list. */
  partnersCompared: number;
  /** Lists whose candidates or their order would differ. */
  changedLists: number;
  /** Mean share of each partner's top 10 today that stays in its new top 10; null when there are no lists yet. */
  meanOverlapAt10: number | null;
  /** Up to 10 partners that would enter the most top-10 lists. */
  gainers: PartnerShiftDto[];
  /** Up to 10 partners that would leave the most top-10 lists. */
  losers: PartnerShiftDto[];
}
