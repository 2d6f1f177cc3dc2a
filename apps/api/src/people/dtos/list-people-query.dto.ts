import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListPeopleQueryDto {
  /** Only the contacts of this partner (id or slug). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  partner?: string;
}
