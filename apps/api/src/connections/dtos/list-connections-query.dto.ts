import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination-query.dto';

export class ListConnectionsQueryDto extends PaginationQueryDto {
  /** Only the connections of this partner (uuid or slug). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  partner?: string;
}
