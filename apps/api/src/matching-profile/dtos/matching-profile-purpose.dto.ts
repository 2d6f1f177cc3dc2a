import type { Type } from '@nestjs/common';
import { ApiPropertyOptional, getSchemaPath, IntersectionType } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsIn, IsOptional } from 'class-validator';
import { SUGGESTION_PURPOSES, type SuggestionPurpose } from '@app/persistence';
import { PaginationQueryDto } from '../../common/pagination-query.dto';

export class MatchingProfilePurposeQueryDto {
  /** Whose profile: `samenwerken` (local collaboration, the default) or `kennisdelen` (knowledge exchange); each is versioned on its own. */
  @IsOptional()
  @IsIn(SUGGESTION_PURPOSES)
  @ApiPropertyOptional({ enum: SUGGESTION_PURPOSES, default: 'samenwerken' })
  purpose: SuggestionPurpose = 'samenwerken';
}

export class MatchingProfileVersionsQueryDto extends IntersectionType(PaginationQueryDto, MatchingProfilePurposeQueryDto) {}

/** One schema per purpose, told apart by their `purpose` property. */
export function oneOfPurposes(samenwerken: Type<unknown>, kennisdelen: Type<unknown>): SchemaObject {
  return {
    oneOf: [{ $ref: getSchemaPath(samenwerken) }, { $ref: getSchemaPath(kennisdelen) }],
    discriminator: { propertyName: 'purpose', mapping: { samenwerken: getSchemaPath(samenwerken), kennisdelen: getSchemaPath(kennisdelen) } },
  };
}
