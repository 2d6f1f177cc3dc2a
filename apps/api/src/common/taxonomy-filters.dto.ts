import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { GEMEENTE_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, PROVINCE_CODES, SECTOR_CODES } from '@app/taxonomy';
import { IsCode } from './is-code.validator';

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

/** The taxonomy filters list routes share; each route picks the ones it offers. */
export class TaxonomyFiltersDto {
  /** Sector code (see /v1/taxonomy/sectors). */
  @IsOptional()
  @IsCode(SECTOR_CODES, { optional: true })
  sector?: string;

  /** Gemeente (CBS code, e.g. GM0344). */
  @IsOptional()
  @Transform(upperCase)
  @IsCode(GEMEENTE_CODES, { optional: true })
  gemeente?: string;

  /** Province code (PV20–PV31): any of its gemeenten. */
  @IsOptional()
  @Transform(upperCase)
  @IsCode(PROVINCE_CODES, { optional: true })
  province?: string;

  /** Opgave code (see /v1/taxonomy/opgaven). */
  @IsOptional()
  @IsCode(OPGAVE_CODES, { optional: true })
  opgave?: string;

  /** Leefdomein code (see /v1/taxonomy/leefdomeinen). */
  @IsOptional()
  @IsCode(LEEFDOMEIN_CODES, { optional: true })
  leefdomein?: string;
}
