import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Max, Min } from 'class-validator';
import { IsIntegerQuery } from './integer-query.validator';

/** Deeper pages than this are refused: no list of the alliance comes near, and OFFSET scans every skipped row. */
export const MAX_OFFSET = 1_000_000;

export class PaginationQueryDto {
  /** Page size. */
  @IsOptional()
  @IsIntegerQuery()
  @Min(1)
  @Max(500)
  @ApiPropertyOptional({ default: 50 })
  limit: number = 50;

  /** Number of items to skip. */
  @IsOptional()
  @IsIntegerQuery()
  @Min(0)
  @Max(MAX_OFFSET)
  @ApiPropertyOptional({ default: 0, maximum: MAX_OFFSET })
  offset: number = 0;
}
