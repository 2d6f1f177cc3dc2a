import type { ConnectionEntity } from '@app/persistence';
import { PartnerRefDto } from '../../common/partner-ref.dto';

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
