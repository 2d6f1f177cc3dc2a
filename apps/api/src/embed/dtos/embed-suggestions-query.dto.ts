import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, Max, Min } from 'class-validator';
import { ListSuggestionsQueryDto } from '../../suggestions/dtos/list-suggestions-query.dto';
import { IsIntegerQuery } from '../../common/integer-query.validator';

/** The embed's list is short: a portal page shows a handful of cards. */
export class EmbedSuggestionsQueryDto extends PickType(ListSuggestionsQueryDto, ['lang', 'purpose']) {
  /** How many suggestions, best first. */
  @IsOptional()
  @IsIntegerQuery()
  @Min(1)
  @Max(20)
  @ApiPropertyOptional({ default: 5 })
  limit: number = 5;
}
