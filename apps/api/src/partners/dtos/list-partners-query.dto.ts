import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { GEMEENTE_CODES, LEEFDOMEIN_CODES, OPGAVE_CODES, PROVINCE_CODES, SCOPES, SECTOR_CODES, type Scope } from '@app/taxonomy';
import { Transform } from 'class-transformer';
import { IsCode } from '../../common/is-code.validator';
import { PaginationQueryDto } from '../../common/pagination-query.dto';

export class ListPartnersQueryDto extends PaginationQueryDto {
  @IsOptional()
  @IsCode(SECTOR_CODES, { optional: true })
  sector?: string;

  @IsOptional()
  @IsIn(SCOPES)
  scope?: Scope;

  /** Partners working in this gemeente (CBS code). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsCode(GEMEENTE_CODES, { optional: true })
  gemeente?: string;

  /** Partners working in any gemeente of this province (PV20–PV31). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsCode(PROVINCE_CODES, { optional: true })
  province?: string;

  @IsOptional()
  @IsCode(OPGAVE_CODES, { optional: true })
  opgave?: string;

  @IsOptional()
  @IsCode(LEEFDOMEIN_CODES, { optional: true })
  leefdomein?: string;

  /** Free text, matched against name and description. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
