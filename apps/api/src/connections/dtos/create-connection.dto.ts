import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/presence.validator';

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
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
