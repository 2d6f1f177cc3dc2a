import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/presence.validator';
import type { ErasureRequestRow } from '@app/persistence';

export class RequestErasureDto {
  /** Why, in the partner's words (the admins read it before they erase). */
  @IsOmittable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** The partner an erasure request is for. */
export class ErasureRequestPartnerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  slug: string;
  name: string;
}

export class ErasureRequestDto {
  partner: ErasureRequestPartnerDto;

  /** Who asked: the person (`Name <e-mail>`) or key that sent the request. */
  requestedBy: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  requestedAt: Date;

  static from(row: ErasureRequestRow): ErasureRequestDto {
    return { partner: { id: row.partnerId, slug: row.partnerSlug, name: row.partnerName }, requestedBy: row.requestedBy, reason: row.reason, requestedAt: row.createdAt };
  }
}

export class ErasureRequestListDto {
  @ApiProperty({ type: [ErasureRequestDto] })
  items: ErasureRequestDto[];
}
