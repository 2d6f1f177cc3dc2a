import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectionEntity } from '../entities/connection.entity';
import { PartnerEntity } from '../entities/partner.entity';
import { SystemStateEntity } from '../entities/system-state.entity';
import { orderedPair } from './connection.repository';

export interface SeedData {
  partners: Omit<PartnerEntity, 'createdAt' | 'updatedAt' | 'version'>[];
  connections: { first: string; second: string; note: string | null }[];
}

const INSERT_BATCH = 500;

@Injectable()
export class SeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes the data set once per installation: the marker under `key` is set in the
   * same transaction, so a crash mid-seed leaves nothing and a later start retries.
   * Returns false when the data set was already seeded.
   */
  async seedOnce(key: string, data: SeedData): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (await manager.findOneBy(SystemStateEntity, { key })) return false;
      for (let start = 0; start < data.partners.length; start += INSERT_BATCH) {
        await manager.insert(PartnerEntity, data.partners.slice(start, start + INSERT_BATCH));
      }
      // Their contactEmail makes each demo partner's first contact, as for partners created through the API.
      await manager.query(
        `INSERT INTO person (email, name, role, partner_id)
         SELECT btrim(contact_email), name, 'partner', id FROM partner WHERE id = ANY($1::uuid[]) AND btrim(coalesce(contact_email, '')) <> ''
         ON CONFLICT ((lower(email))) DO NOTHING`,
        [data.partners.map((partner) => partner.id)],
      );
      const connections = data.connections.map(({ first, second, note }) => {
        const [partnerAId, partnerBId] = orderedPair(first, second);
        return { partnerAId, partnerBId, note };
      });
      for (let start = 0; start < connections.length; start += INSERT_BATCH) {
        await manager.insert(ConnectionEntity, connections.slice(start, start + INSERT_BATCH));
      }
      await manager.insert(SystemStateEntity, { key, value: { partners: data.partners.length, connections: connections.length, seededAt: new Date().toISOString() } });
      return true;
    });
  }
}
