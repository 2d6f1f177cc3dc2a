import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListIntroductionsQueryDto {
  /** The language of the answers' labels; `nl` when left out. */
  @ApiProperty({ enum: ['nl', 'en'], required: false })
  @IsOptional()
  @IsIn(['nl', 'en'])
  lang?: 'nl' | 'en';
}
