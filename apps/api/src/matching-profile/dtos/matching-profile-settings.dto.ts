import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsPositive, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DEFAULT_MATCHING_PROFILE, MAX_FAIR_EXPOSURE_COUNT } from '@app/matching';
import { IsOmittable } from '../../common/presence.validator';

/** Weights are relative; a bound keeps Σ wᵢ finite (two weights near 1e308 add up to Infinity, and every score to NaN). */
export const MAX_WEIGHT = 1000;
/** Far beyond the width of the Netherlands (about 300 km), where the region component is flat anyway. */
const MAX_HALF_DISTANCE_KM = 1000;

/** The column is an int4. */
export const MAX_VERSION = 2_147_483_647;

export const finiteNumber = () => IsNumber({ allowNaN: false, allowInfinity: false });

/** A fair-exposure count: a whole number from 1, or null / left out for off. */
const fairExposureCount = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_FAIR_EXPOSURE_COUNT, example: null, description }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(MAX_FAIR_EXPOSURE_COUNT),
  );

/** Relative weights (≥ 0, not all 0); the score is Σ wᵢ·cᵢ / Σ wᵢ. */
export class ComponentWeightsDto {
  /** Shared opgaven (tasks of the network). */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  opgaven: number;

  /** Shared leefdomeinen and how many the pair covers together. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  leefdomeinen: number;

  /** The sector × sector affinity. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  sector: number;

  /** Distance decay between the gemeenten they work in. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  region: number;

  /** Needs of one met by offers of the other. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  reciprocity: number;

  /** Partners of my partners in the connection graph. */
  @finiteNumber()
  @Min(0)
  @Max(MAX_WEIGHT)
  network: number;
}

/** Every setting of a matching profile; the server assigns the version. */
export class MatchingProfileFieldsDto {
  // IsObject: a list would be validated item by item and answer with six weights' messages.
  @IsObject()
  @ValidateNested()
  @Type(() => ComponentWeightsDto)
  weights: ComponentWeightsDto;

  /** Sector × sector affinity in [0, 1], complete over every sector code (see /v1/taxonomy/sectors) and symmetric. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
    example: DEFAULT_MATCHING_PROFILE.sectorAffinity,
  })
  @IsObject()
  sectorAffinity: Record<string, Record<string, number>>;

  /** Distance in km at which the region component of two local partners halves. */
  @ApiProperty({ minimum: 0, exclusiveMinimum: true, maximum: MAX_HALF_DISTANCE_KM })
  @finiteNumber()
  @IsPositive()
  @Max(MAX_HALF_DISTANCE_KM)
  regionHalfDistanceKm: number;

  /** Region component of any pair with a national partner, in [0, 1]. */
  @finiteNumber()
  @Min(0)
  @Max(1)
  nationalReach: number;

  /** Floor of the region component for a pair with a regional (and no national) partner, in [0, 1]. */
  @finiteNumber()
  @Min(0)
  @Max(1)
  regionalReach: number;

  /** Part of the leefdomeinen component that rewards covering many domains together, in [0, 1]. */
  @finiteNumber()
  @Min(0)
  @Max(1)
  leefdomeinenCoverage: number;

  /** Length of each partner's suggestion list. */
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(200)
  k: number;

  /** Strength of the sector-diversity re-rank in [0, 1]; 0 = off. */
  @finiteNumber()
  @Min(0)
  @Max(1)
  diversity: number;

  @fairExposureCount(
    'Fair exposure: at most this many of all lists\' top-5 places for one candidate. A candidate over it keeps the top-5 places where it ' +
      'scores best and moves to place 6 in the other lists (reason `exposure-capped`); scores do not change. null or left out: no cap.',
  )
  maxTopPlaces?: number | null;

  @fairExposureCount(
    'Capacity: a partner with this many open introductions (matches with status introduced) or more is placed last in other partners\' ' +
      'lists (reason `at-capacity`) until one is completed or declined; its own list is unchanged. null or left out: no limit.',
  )
  maxOpenIntroductions?: number | null;
}

/**
 * A proposed profile. What `GET /v1/matching/profile` answers can be sent back as it is (read →
 * edit → write needs no stripping step): `createdAt` is ignored, `version` is the version it
 * was read at.
 */
export class MatchingProfileSettingsDto extends MatchingProfileFieldsDto {
  @ApiPropertyOptional({
    enum: ['samenwerken'],
    description: 'What GET answered, or left out; a kennisdelen profile is saved with `?purpose=kennisdelen` (SaveKennisdelenProfileDto)',
  })
  @IsOmittable()
  @IsIn(['samenwerken'], { message: 'purpose must be one of the following values: samenwerken (a kennisdelen profile is sent with the query parameter purpose=kennisdelen)' })
  purpose?: 'samenwerken';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_VERSION,
    description:
      'The version the body was read at (what GET answered), or left out. A save numbers the new version itself; if this is sent and ' +
      'another version was saved since, the save is a 409 and stores nothing; a version above the active one is a 400. Ignored by the preview.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true, readOnly: true, example: '2026-12-01T09:30:00.000Z', description: 'Ignored: the server sets it on save' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true })
  createdAt?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 2000, description: 'Why the team changed the profile: stored with the version a save makes (null or left out: none); ignored by the preview' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/** The body of a save: the same fields; `note` is stored with the new version. */
export class SaveMatchingProfileDto extends MatchingProfileSettingsDto {}
