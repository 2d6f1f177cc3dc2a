import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { KennisdelenProfileVersion } from '@app/suggestions';
import { MatchingRunDto } from '../../matching-runs/dtos/matching-run.dto';
import { IsOmittable } from '../../common/presence.validator';
import { finiteNumber, MatchingProfileSettingsDto, MAX_VERSION, MAX_WEIGHT } from './matching-profile-settings.dto';

/** Relative weights of the kennisdelen components (≥ 0, not all 0); the score is Σ wᵢ·cᵢ / Σ wᵢ. */
export class KennisdelenWeightsDto {
  /** Shared opgaven. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  opgaven: number;

  /** Shared leefdomeinen. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  leefdomeinen: number;

  /** Complementary kennisbronnen: what one brings and the other does not. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  kennisbronnen: number;

  /** Shared verandertheorie levels. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  verandertheorie: number;

  /** Peers: 1 for the same sector, `crossSectorPeers` across sectors. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  peers: number;
}

/** Every setting of the kennisdelen profile; the server assigns the version. */
export class KennisdelenProfileFieldsDto {
  // IsObject: a list would be validated item by item and answer with five weights' messages.
  @IsObject()
  @ValidateNested()
  @Type(() => KennisdelenWeightsDto)
  weights: KennisdelenWeightsDto;

  /** The `peers` component of two partners of different sectors, in [0, 1] (same sector: 1). */
  @finiteNumber()
  @Min(0)
  @Max(1)
  crossSectorPeers: number;

  /** Length of each partner's kennisdelen list. */
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(200)
  k: number;
}

/**
 * The body of a kennisdelen save (`PUT /v1/matching/profile?purpose=kennisdelen`): what GET
 * answered with that purpose can be sent back as it is; `createdAt` is ignored, `version` is the
 * version it was read at.
 */
export class SaveKennisdelenProfileDto extends IntersectionType(KennisdelenProfileFieldsDto, PickType(MatchingProfileSettingsDto, ['createdAt', 'note'])) {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_VERSION,
    description:
      'The kennisdelen version the body was read at (what GET answered), or left out. A save numbers the new version itself; if this is sent and ' +
      'another kennisdelen version was saved since, the save is a 409 and stores nothing; a version above the active one is a 400.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;

  @ApiProperty({ enum: ['kennisdelen'], required: false, description: 'What GET answered, or left out' })
  @IsOmittable()
  @IsIn(['kennisdelen'], { message: 'purpose must be one of the following values: kennisdelen (a samenwerken profile is sent without the query parameter purpose=kennisdelen)' })
  purpose?: 'kennisdelen';
}

/** A version of the kennisdelen profile (`purpose=kennisdelen`). */
export class KennisdelenProfileDto extends KennisdelenProfileFieldsDto {
  @ApiProperty({ enum: ['kennisdelen'] })
  purpose: 'kennisdelen';
  /** 1 is the built-in default; each saved version is the previous highest kennisdelen version + 1. */
  version: number;
  note: string | null;
  /** When the version was saved; null for the built-in version 1. */
  createdAt: Date | null;

  static from({ profile, note, createdAt }: KennisdelenProfileVersion): KennisdelenProfileDto {
    return { purpose: 'kennisdelen', version: profile.version, weights: profile.weights, crossSectorPeers: profile.crossSectorPeers, k: profile.k, note, createdAt };
  }
}

export class KennisdelenProfileListDto {
  @ApiProperty({ enum: ['kennisdelen'] })
  purpose: 'kennisdelen';
  items: KennisdelenProfileDto[];
  total: number;
  limit: number;
  offset: number;
}

export class KennisdelenProfileActivationDto {
  @ApiProperty({ enum: ['kennisdelen'] })
  purpose: 'kennisdelen';
  profile: KennisdelenProfileDto;
  /** The full run that applies the new version; until it completes readers see the previous lists. */
  run: MatchingRunDto;
}
