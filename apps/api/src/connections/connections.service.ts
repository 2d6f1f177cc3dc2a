import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { ConnectionRepository, PartnerRepository, type ConnectionEntity } from '@app/persistence';
import { PartnerChangesService } from '../partners/partner-changes.service';
import type { CreateConnectionDto } from './dtos/create-connection.dto';
import type { ListConnectionsQueryDto } from './dtos/list-connections-query.dto';

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly partners: PartnerRepository,
    private readonly changes: PartnerChangesService,
  ) {}

  async create(input: CreateConnectionDto): Promise<ConnectionEntity> {
    const partnerA = await this.partners.findByIdOrSlug(input.partnerA);
    if (!partnerA) throw DomainException.notFound('Partner', input.partnerA, 'partnerA');
    const partnerB = await this.partners.findByIdOrSlug(input.partnerB);
    if (!partnerB) throw DomainException.notFound('Partner', input.partnerB, 'partnerB');
    if (partnerA.id === partnerB.id) {
      throw DomainException.validation([{ field: 'partnerB', message: 'a partner cannot be connected to itself', value: input.partnerB }]);
    }
    const existing = await this.connections.findBetween(partnerA.id, partnerB.id);
    if (existing) {
      throw new DomainException('conflict', `${partnerA.name} and ${partnerB.name} are already connected (connection ${existing.id})`);
    }
    const id = await this.changes.transaction(async (tx, recompute) => {
      const inserted = await this.connections.insert(partnerA.id, partnerB.id, input.note ?? null, tx);
      await recompute([partnerA.id, partnerB.id], 'connection');
      return inserted;
    });
    return (await this.connections.findById(id))!;
  }

  async list(query: ListConnectionsQueryDto): Promise<{ items: ConnectionEntity[]; total: number }> {
    let partnerId: string | undefined;
    if (query.partner) {
      const partner = await this.partners.findByIdOrSlug(query.partner);
      if (!partner) throw DomainException.notFound('Partner', query.partner, 'partner');
      partnerId = partner.id;
    }
    return this.connections.list({ partnerId, limit: query.limit, offset: query.offset });
  }

  async remove(id: string): Promise<void> {
    const connection = await this.connections.findById(id);
    if (!connection) throw DomainException.notFound('Connection', id);
    await this.changes.transaction(async (tx, recompute) => {
      await this.connections.delete(connection.id, tx);
      await recompute([connection.partnerAId, connection.partnerBId], 'connection');
    });
  }
}
