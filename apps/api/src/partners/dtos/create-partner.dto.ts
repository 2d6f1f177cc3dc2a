import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { GEMEENTE_CODES, KENNISBRON_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, SCOPES, SECTOR_CODES, VERANDERTHEORIE_CODES, type Scope } from '@app/taxonomy';
import { IsCode } from '../../common/is-code.validator';
import { IsOmittable, IsRequired } from '../../common/presence.validator';

const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Trims, lower-cases and de-duplicates a list of codes or tags; leaves non-lists for the validators to reject. */
const normalisedList = () =>
  Transform(({ value }) =>
    Array.isArray(value) ? [...new Set(value.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item)))] : value,
  );
const upperCasedList = () =>
  Transform(({ value }) =>
    Array.isArray(value) ? [...new Set(value.map((item) => (typeof item === 'string' ? item.trim().toUpperCase() : item)))] : value,
  );
const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class CreatePartnerDto {
  /** Organisation name; the slug is derived from it. */
  @IsRequired()
  @trimmed()
  @IsString()
  @Length(2, 200)
  name: string;

  /** Sector code (see /v1/taxonomy/sectors). */
  @IsRequired()
  @IsCode(SECTOR_CODES)
  sector: string;

  /** `local` and `regional` partners name their gemeenten; `national` partners name none. */
  @IsRequired()
  @IsIn(SCOPES)
  scope: Scope;

  /** CBS gemeentecodes the partner works in (see /v1/taxonomy/gemeenten). */
  @IsOmittable()
  @upperCasedList()
  @IsArray()
  @ArrayMaxSize(342)
  @IsCode(GEMEENTE_CODES, { array: true, optional: true })
  gemeenten?: string[];

  /** Leefdomein codes (see /v1/taxonomy/leefdomeinen). */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @IsCode(LEEFDOMEIN_CODES, { array: true, optional: true })
  leefdomeinen?: string[];

  /** Opgave codes (see /v1/taxonomy/opgaven). */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @IsCode(OPGAVE_CODES, { array: true, optional: true })
  opgaven?: string[];

  /** Kennisbron codes: wetenschap, praktijk, ervaring. */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @IsCode(KENNISBRON_CODES, { array: true, optional: true })
  kennisbronnen?: string[];

  /** Verandertheorie levels the partner works on: verzachten, versterken, veranderen (see /v1/taxonomy/verandertheorie). */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @IsCode(VERANDERTHEORIE_CODES, { array: true, optional: true })
  verandertheorie?: string[];

  /** What the partner can bring, as lower-case kebab tags (e.g. `vrijwilligers`, `locatie`). */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(TAG, { each: true, message: 'each tag in $property must be lower-case words joined by hyphens' })
  @MaxLength(50, { each: true })
  offers?: string[];

  /** What the partner is looking for, in the same tags as `offers`. */
  @IsOmittable()
  @normalisedList()
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(TAG, { each: true, message: 'each tag in $property must be lower-case words joined by hyphens' })
  @MaxLength(50, { each: true })
  needs?: string[];

  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;

  /** Private: only for the alliance's team. */
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  contactEmail?: string | null;

  /** When true the partner is left out of all matching. */
  @IsOmittable()
  @IsBoolean()
  matchingOptOut?: boolean;

  /**
   * A name whose slug an existing partner already has is refused (409, naming that partner),
   * since it is most often the same organisation entered twice. `true` creates it anyway,
   * with the slug's next free number (`…-2`). Not stored.
   */
  @IsOmittable()
  @IsBoolean()
  @ApiPropertyOptional({ default: false })
  allowSimilarName?: boolean;
}
