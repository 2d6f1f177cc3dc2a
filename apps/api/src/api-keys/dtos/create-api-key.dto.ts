import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { API_KEY_ROLES, type ApiKeyRole } from '@app/persistence';
import { IsOmittable } from '../../common/presence.validator';

/** An origin as browsers send it: scheme, host and optional port, nothing after. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export class CreateApiKeyDto {
  /** Who or what uses the key, e.g. "Portal kinderarmoede.nl" or "Voedselbank Utrecht". */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(2, 120)
  name: string;

  /** `admin` everything; `team` reads all, reviews, runs and profiles; `partner` its own partner; `portal` the embed routes. */
  @IsIn(API_KEY_ROLES)
  role: ApiKeyRole;

  /** Required for (and only for) a partner key: the id or the slug of its partner. */
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  partner?: string;

  /** Another name for `partner` (the answer's name for it), also an id or a slug: send one of the two. */
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  partnerId?: string;

  /** Portal keys only: the web origins whose pages may call the embed routes, e.g. `https://www.kinderarmoede.nl`. */
  @IsOmittable()
  @Transform(({ value }) => (Array.isArray(value) ? [...new Set(value.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item)))] : value))
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ORIGIN, { each: true, message: 'each of allowedOrigins must be an origin like https://example.org (scheme, host, optional port; no path)' })
  allowedOrigins?: string[];
}
