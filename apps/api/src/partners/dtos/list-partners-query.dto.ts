import { IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SCOPES, type Scope } from '@app/taxonomy';
import { PaginationQueryDto } from '../../common/pagination-query.dto';
import { TaxonomyFiltersDto } from '../../common/taxonomy-filters.dto';

/** Partners of this sector, working in this gemeente or province, on this opgave and leefdomein. */
export class ListPartnersQueryDto extends IntersectionType(PaginationQueryDto, TaxonomyFiltersDto) {
  @IsOptional()
  @IsIn(SCOPES)
  scope?: Scope;

  /** Free text, matched against name and description. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
