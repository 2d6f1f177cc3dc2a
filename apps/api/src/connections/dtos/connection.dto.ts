import type { ConnectionEntity, PartnerEntity } from '@app/persistence';

export class PartnerRefDto {
  id: string;
  slug: string;
  name: string;
  sector: string;

  static from(partner: PartnerEntity): PartnerRefDto {
    return { id: partner.id, slug: partner.slug, name: partner.name, sector: partner.sector };
  }
}

/** An existing collaboration; the pair is unordered. */
export class ConnectionDto {
  id: string;
  partnerA: PartnerRefDto;
  partnerB: PartnerRefDto;
  note: string | null;
  createdAt: Date;

  static from(connection: ConnectionEntity): ConnectionDto {
    return {
      id: connection.id,
      partnerA: PartnerRefDto.from(connection.partnerA),
      partnerB: PartnerRefDto.from(connection.partnerB),
      note: connection.note,
      createdAt: connection.createdAt,
    };
  }
}

export class ConnectionListDto {
  items: ConnectionDto[];
  total: number;
  limit: number;
  offset: number;
}
