import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { In, Repository, type EntityManager } from 'typeorm';
import { ConnectionEntity } from '../entities/connection.entity';
import { jsonPairsOf } from '../json-rows';

/** Orders a pair the way it is stored: smaller uuid first. */
export function orderedPair(first: string, second: string): [string, string] {
  return first < second ? [first, second] : [second, first];
}

@Injectable()
export class ConnectionRepository {
  constructor(@InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>) {}

  findBetween(first: string, second: string): Promise<ConnectionEntity | null> {
    const [partnerAId, partnerBId] = orderedPair(first, second);
    return this.connections.findOneBy({ partnerAId, partnerBId });
  }

  async findById(id: string): Promise<ConnectionEntity | null> {
    if (!isUUID(id)) return null;
    return this.connections.findOne({ where: { id }, relations: { partnerA: true, partnerB: true } });
  }

  async list(options: { partnerId?: string; limit: number; offset: number }): Promise<{ items: ConnectionEntity[]; total: number }> {
    const query = this.connections
      .createQueryBuilder('connection')
      .innerJoinAndSelect('connection.partnerA', 'partnerA')
      .innerJoinAndSelect('connection.partnerB', 'partnerB');
    if (options.partnerId) {
      query.where('(connection.partnerAId = :partnerId OR connection.partnerBId = :partnerId)', { partnerId: options.partnerId });
    }
    const [items, total] = await query
      .orderBy('connection.createdAt', 'DESC')
      .addOrderBy('connection.id', 'ASC')
      .take(options.limit)
      .skip(options.offset)
      .getManyAndCount();
    return { items, total };
  }

  /** Inserts the pair in the caller's transaction; its id. */
  async insert(first: string, second: string, note: string | null, tx: EntityManager): Promise<string> {
    const [partnerAId, partnerBId] = orderedPair(first, second);
    const result = await tx.getRepository(ConnectionEntity).insert({ partnerAId, partnerBId, note });
    return result.identifiers[0].id as string;
  }

  /** Every connection as a pair of partner ids. */
  async allPairs(manager?: EntityManager): Promise<{ a: string; b: string }[]> {
    // Inside the caller's transaction when given one: the embedded pool has one connection.
    // Raw rows: hydrating 40,000 entities held the API's event loop for most of a second.
    return (manager ?? this.connections.manager).query('SELECT partner_a_id AS a, partner_b_id AS b FROM connection');
  }

  /** `allPairs` as one JSON array for a worker thread to parse. */
  allPairsJson(manager?: EntityManager): Promise<string> {
    return jsonPairsOf(manager ?? this.connections.manager, 'connection');
  }

  /** A digest of every pair; changes when a connection is added or removed. */
  async pairsDigest(manager: EntityManager = this.connections.manager): Promise<string> {
    const [{ digest }] = await manager.query(
      `SELECT md5(coalesce(string_agg(partner_a_id::text || partner_b_id::text, ',' ORDER BY partner_a_id, partner_b_id), '')) AS digest FROM connection`,
    );
    return digest;
  }

  /**
   * This read's horizon (its snapshot's `xmin`), and whether any connection was written or
   * deleted (`row_deletion`) since an earlier read's horizon: the cheap question before the digest.
   */
  async writtenSince(horizon: string | null, manager: EntityManager = this.connections.manager): Promise<{ horizon: string; written: boolean }> {
    const [row] = await manager.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
              EXISTS (SELECT 1 FROM connection WHERE changed_xid >= $1::xid8)
              OR EXISTS (SELECT 1 FROM row_deletion WHERE table_name = 'connection' AND changed_xid >= $1::xid8) AS written`,
      [horizon ?? '0'],
    );
    return row;
  }

  /** Records the collaboration in the caller's transaction unless the pair is already connected. */
  async ensure(first: string, second: string, note: string | null, tx: EntityManager): Promise<void> {
    const [partnerAId, partnerBId] = orderedPair(first, second);
    await tx.createQueryBuilder().insert().into(ConnectionEntity).values({ partnerAId, partnerBId, note }).orIgnore().execute();
  }

  /** The connections with either end among `ids`, as pairs of partner ids: the neighbours of those partners. */
  async pairsOf(ids: string[]): Promise<{ a: string; b: string }[]> {
    if (ids.length === 0) return [];
    const rows = await this.connections.find({
      select: { partnerAId: true, partnerBId: true },
      where: [{ partnerAId: In(ids) }, { partnerBId: In(ids) }],
    });
    return rows.map((row) => ({ a: row.partnerAId, b: row.partnerBId }));
  }

  async delete(id: string, tx: EntityManager): Promise<void> {
    await tx.getRepository(ConnectionEntity).delete({ id });
  }
}
