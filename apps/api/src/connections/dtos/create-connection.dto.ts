import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateConnectionDto {
  /** One partner, by uuid or slug. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  partnerA: string;

  /** The other partner, by uuid or slug. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  partnerB: string;

  /** What the collaboration is about. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
