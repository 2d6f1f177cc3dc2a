import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_ROLES, type ApiKeyEntity, type ApiKeyRole } from '@app/persistence';

/** A key as listed: never the key itself, which only its creator saw once. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  name: string;

  @ApiProperty({ enum: API_KEY_ROLES })
  role: ApiKeyRole;

  /** The partner of a partner key. */
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  partnerId: string | null;

  allowedOrigins: string[];

  /** The first characters of the key, to tell keys apart. */
  @ApiProperty({ example: 'pm_Xa3f' })
  keyPrefix: string;

  createdAt: Date;

  static from(entity: ApiKeyEntity): ApiKeyDto {
    const { id, name, role, partnerId, allowedOrigins, keyPrefix, createdAt } = entity;
    return { id, name, role, partnerId, allowedOrigins, keyPrefix, createdAt };
  }
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key. Shown this once: only its hash is stored. */
  @ApiProperty({ example: 'pm_3q8mZbq0l1S0bXGz4y0P8c2cJ4mVqk1v' })
  key: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] })
  items: ApiKeyDto[];
}
