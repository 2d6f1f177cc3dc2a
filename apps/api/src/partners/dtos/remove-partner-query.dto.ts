import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class RemovePartnerQueryDto {
  /**
   * AVG/GDPR erasure: also replace every mention of the partner (name, slug, e-mail) in the
   * notes of other records and the audit trail with "[verwijderde partner]".
   */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  erase?: boolean;
}
