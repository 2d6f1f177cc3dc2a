import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListSuggestionsQueryDto } from '../../suggestions/dtos/list-suggestions-query.dto';

/** The embed's list is short: a portal page shows a handful of cards. */
export class EmbedSuggestionsQueryDto extends PickType(ListSuggestionsQueryDto, ['lang']) {
  /** How many suggestions, best first. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  @ApiPropertyOptional({ default: 5 })
  limit: number = 5;
}
