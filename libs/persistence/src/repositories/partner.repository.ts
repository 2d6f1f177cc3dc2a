import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository, type EntityManager } from 'typeorm';
import { PartnerEntity } from '../entities/partner.entity';
import { jsonArrayOf } from '../json-rows';
import { hasIdShape } from '../slug';
import { EmbeddedPostgres } from '../embedded/embedded-postgres';
import { preparedQuery } from '../prepared-query';
import { PartnerColumns } from './partner-columns';
import { lockSuggestionLists } from '../suggestion-list-lock';

export interface PartnerSearch {
  sector?: string;
  scope?: string;
  /** Any of these gemeenten (a province is passed as its gemeenten). */
  gemeenten?: string[];
  opgave?: string;
  leefdomein?: string;
  text?: string;
  limit: number;
  offset: number;
}

/** The columns the matching core reads. */
export type MatchingFields = Pick<
  PartnerEntity,
  'id' | 'sector' | 'scope' | 'gemeenten' | 'leefdomeinen' | 'opgaven' | 'kennisbronnen' | 'verandertheorie' | 'offers' | 'needs' | 'matchingOptOut' | 'updatedAt'
>;

/** A read of the partners written since an earlier one (`matchingProfilesWrittenSince`). */
export interface PartnersWrittenSince {
  /** This read's snapshot `xmin`: every transaction the read could not see has an id at or above it. */
  horizon: string;
  written: MatchingFields[];
  /**
   * Partners deleted since the earlier read and not there now; null when the table was
   * truncated since, so any partner may have gone (`ids` tells which are left).
   */
  deletedIds: string[] | null;
}

const MATCHING_COLUMNS: [string, keyof MatchingFields][] = [
  ['sector', 'sector'],
  ['scope', 'scope'],
  ['gemeenten', 'gemeenten'],
  ['leefdomeinen', 'leefdomeinen'],
  ['opgaven', 'opgaven'],
  ['kennisbronnen', 'kennisbronnen'],
  ['verandertheorie', 'verandertheorie'],
  ['offers', 'offers'],
  ['needs', 'needs'],
  ['matching_opt_out', 'matchingOptOut'],
  ['updated_at', 'updatedAt'],
];

@Injectable()
export class PartnerRepository {
  private readonly columns: PartnerColumns;

  constructor(
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
    private readonly embedded: EmbeddedPostgres,
  ) {
    this.columns = new PartnerColumns(partners.manager.connection, 'p', 'p_');
  }

  async search(search: PartnerSearch): Promise<{ items: PartnerEntity[]; total: number }> {
    const query = this.partners.createQueryBuilder('partner');
    if (search.sector) query.andWhere('partner.sector = :sector', { sector: search.sector });
    if (search.scope) query.andWhere('partner.scope = :scope', { scope: search.scope });
    if (search.gemeenten) query.andWhere('partner.gemeenten && :gemeenten', { gemeenten: search.gemeenten });
    if (search.opgave) query.andWhere(':opgave = ANY(partner.opgaven)', { opgave: search.opgave });
    if (search.leefdomein) query.andWhere(':leefdomein = ANY(partner.leefdomeinen)', { leefdomein: search.leefdomein });
    if (search.text) {
      const pattern = `%${search.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      query.andWhere(
        new Brackets((text) =>
          text.where('partner.name ILIKE :pattern', { pattern }).orWhere('partner.description ILIKE :pattern', { pattern }),
        ),
      );
    }
    const [items, total] = await query
      .orderBy('partner.name', 'ASC')
      .addOrderBy('partner.id', 'ASC')
      .take(search.limit)
      .skip(search.offset)
      .getManyAndCount();
    return { items, total };
  }

  findByIds(ids: string[]): Promise<PartnerEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.partners.findBy({ id: In(ids) });
  }

  /**
   * Path parameters accept either the uuid or the slug; a value of the shape of an id is an id (no
   * slug has that shape). Every partner route's first read, so a prepared statement (preparedQuery).
   */
  async findByIdOrSlug(idOrSlug: string): Promise<PartnerEntity | null> {
    const byId = hasIdShape(idOrSlug);
    const [row] = await preparedQuery<Record<string, unknown>>(
      this.partners.manager.connection,
      { name: byId ? 'partner-by-id' : 'partner-by-slug', text: `SELECT ${this.columns.select} FROM partner p WHERE p.${byId ? 'id' : 'slug'} = $1`, prepare: !this.embedded.running },
      [idOrSlug.toLowerCase()],
    );
    return row ? this.columns.read(row) : null;
  }

  /** The id of the partner a path parameter names, resolved as findByIdOrSlug does; null for an unknown slug. */
  async idOf(idOrSlug: string): Promise<string | null> {
    if (hasIdShape(idOrSlug)) return idOrSlug.toLowerCase();
    const partner = await this.partners.findOne({ select: { id: true }, where: { slug: idOrSlug.toLowerCase() } });
    return partner?.id ?? null;
  }

  async slugsStartingWith(base: string): Promise<Set<string>> {
    const rows = await this.partners
      .createQueryBuilder('partner')
      .select('partner.slug', 'slug')
      .where('partner.slug = :base OR partner.slug LIKE :prefix', { base, prefix: `${base}-%` })
      .getRawMany<{ slug: string }>();
    return new Set(rows.map((row) => row.slug));
  }

  /** Which of `slugs` are taken. */
  async takenSlugs(slugs: string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows = await this.partners
      .createQueryBuilder('partner')
      .select('partner.slug', 'slug')
      .where('partner.slug = ANY(:slugs)', { slugs })
      .getRawMany<{ slug: string }>();
    return new Set(rows.map((row) => row.slug));
  }

  findBySlugs(slugs: string[]): Promise<PartnerEntity[]> {
    return slugs.length === 0 ? Promise.resolve([]) : this.partners.findBy({ slug: In(slugs) });
  }

  /** The partners, locked (as lockByIdOrSlug locks one) until the caller's transaction ends; in id order, so two imports cannot deadlock. */
  lockBySlugs(slugs: string[], tx: EntityManager): Promise<PartnerEntity[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return tx.getRepository(PartnerEntity).find({ where: { slug: In(slugs) }, order: { id: 'ASC' }, lock: { mode: 'for_no_key_update' } });
  }

  /** Every partner by name, for the export. */
  findAllByName(): Promise<PartnerEntity[]> {
    return this.partners.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  /** Inserts in batches inside the caller's transaction, so all or none are stored; the new ids in input order. */
  async insertAll(partners: Partial<PartnerEntity>[], tx: EntityManager, batchSize = 500): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < partners.length; start += batchSize) {
      const result = await tx.getRepository(PartnerEntity).insert(partners.slice(start, start + batchSize));
      ids.push(...result.identifiers.map((identifier) => identifier.id as string));
    }
    return ids;
  }

  create(fields: Partial<PartnerEntity>): PartnerEntity {
    return this.partners.create(fields);
  }

  save(partner: PartnerEntity, tx: EntityManager): Promise<PartnerEntity> {
    return tx.getRepository(PartnerEntity).save(partner);
  }

  /**
   * The partner, locked until the caller's transaction ends, so a change decided on what it
   * reads cannot interleave with another one. FOR NO KEY UPDATE: rows that merely reference
   * the partner (connections, matches) can still be written meanwhile.
   */
  lockByIdOrSlug(idOrSlug: string, tx: EntityManager): Promise<PartnerEntity | null> {
    return tx.getRepository(PartnerEntity).findOne({
      where: hasIdShape(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug.toLowerCase() },
      lock: { mode: 'for_no_key_update' },
    });
  }

  /**
   * Writes only `fields`, in one UPDATE that also raises `version` and `updated_at`, so
   * concurrent changes of other fields are kept; the partner as stored afterwards.
   */
  async updateFields(id: string, fields: Partial<PartnerEntity>, tx: EntityManager): Promise<PartnerEntity> {
    const repository = tx.getRepository(PartnerEntity);
    if (Object.keys(fields).length > 0) await repository.update({ id }, fields);
    return repository.findOneByOrFail({ id });
  }

  /** Deletes the partner in the caller's transaction, whose first statement this must be (`lockSuggestionLists`). */
  async delete(id: string, tx: EntityManager): Promise<void> {
    await lockSuggestionLists(tx);
    await tx.getRepository(PartnerEntity).delete({ id });
  }

  /**
   * Every partner with just the fields matching needs, in id order. Raw rows: hydrating
   * 10,000 entities held the API's event loop for a fifth of a second (a preview reads them all).
   */
  matchingProfiles(manager?: EntityManager): Promise<MatchingFields[]> {
    return this.matchingFieldsQuery(manager).orderBy('partner.id', 'ASC').getRawMany<MatchingFields>();
  }

  /** `matchingProfiles` without the change stamps, as one JSON array for a worker thread to parse. */
  matchingProfilesJson(manager?: EntityManager): Promise<string> {
    return jsonArrayOf(this.matchingFieldsQuery(manager, { stamps: false }), 'id', manager ?? this.partners.manager);
  }

  /**
   * The partners written since an earlier read — with its `horizon`, or every partner without
   * one — and this read's horizon, from one snapshot, then those deleted since the earlier read
   * (`row_deletion`, found by the same kind of stamp). The rows may include some the earlier
   * read saw already (the caller compares them with what it holds); none written or deleted
   * after it is missed.
   */
  async matchingProfilesWrittenSince(horizon: string | null, manager?: EntityManager): Promise<PartnersWrittenSince> {
    const fields = MATCHING_COLUMNS.map(([column, field]) => `p.${column} AS "${field}"`).join(', ');
    const rows: (MatchingFields & { horizon: string })[] = await this.within(manager).query(
      `SELECT now.horizon, p.id, ${fields}
       FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon) now
       LEFT JOIN LATERAL (SELECT * FROM partner WHERE changed_xid >= $1::xid8 ORDER BY id) p ON true`,
      [horizon ?? '0'],
    );
    const [{ horizon: now }] = rows;
    const written = rows[0].id === null ? [] : rows.map(({ horizon: _horizon, ...partner }) => partner);
    // Without an earlier read nothing is known that could have gone.
    return { horizon: now, written, deletedIds: horizon === null ? [] : await this.deletedSince(horizon, manager) };
  }

  /** Partners deleted by transactions at or above `horizon` and not there now; null after a TRUNCATE. */
  private async deletedSince(horizon: string, manager?: EntityManager): Promise<string[] | null> {
    const rows: { id: string | null }[] = await this.within(manager).query(
      `SELECT DISTINCT d.row_id AS id FROM row_deletion d
       WHERE d.table_name = 'partner' AND d.changed_xid >= $1::xid8 AND NOT EXISTS (SELECT 1 FROM partner WHERE id = d.row_id)`,
      [horizon],
    );
    return rows.some((row) => row.id === null) ? null : rows.map((row) => row.id!);
  }

  async ids(manager?: EntityManager): Promise<string[]> {
    return (await this.within(manager).query('SELECT id FROM partner')).map((row: { id: string }) => row.id);
  }

  private matchingFieldsQuery(manager?: EntityManager, { stamps = true } = {}) {
    const query = this.within(manager).createQueryBuilder('partner').select('partner.id', 'id');
    for (const [column, field] of MATCHING_COLUMNS) if (stamps || field !== 'updatedAt') query.addSelect(`partner.${column}`, field);
    return query;
  }

  /**
   * Matching fields of the partners taking part in matching that work in any of `gemeenten`
   * (every local and regional partner when omitted), plus every national partner when asked.
   * The overlap uses the GIN index on `gemeenten`; raw rows, since hydrating thousands of
   * entities costs more than the query; in id order.
   */
  takingPartIn(where: { gemeenten?: string[]; national: boolean }): Promise<(MatchingFields & Pick<PartnerEntity, 'kennisbronnen'>)[]> {
    return this.takingPartInQuery(where).orderBy('partner.id', 'ASC').getRawMany<MatchingFields & Pick<PartnerEntity, 'kennisbronnen'>>();
  }

  /** `takingPartIn` without the change stamps, as one JSON array for a worker thread to parse. */
  takingPartInJson(where: { gemeenten?: string[]; national: boolean }): Promise<string> {
    return jsonArrayOf(this.takingPartInQuery(where, { stamps: false }), 'id', this.partners.manager);
  }

  private takingPartInQuery(where: { gemeenten?: string[]; national: boolean }, options?: { stamps?: boolean }) {
    const query = this.matchingFieldsQuery(undefined, options);
    // Coalitions look for ervaringskennis; pair matching does not read kennisbronnen.
    query.addSelect('partner.kennisbronnen', 'kennisbronnen');
    const local = where.gemeenten ? "(partner.scope <> 'national' AND partner.gemeenten && :gemeenten)" : "partner.scope <> 'national'";
    return query.where('partner.matching_opt_out = false').andWhere(where.national ? `(${local} OR partner.scope = 'national')` : local, { gemeenten: where.gemeenten });
  }

  count(): Promise<number> {
    return this.partners.count();
  }

  /** Reads inside the caller's transaction when given one (the embedded pool has one connection). */
  private within(manager?: EntityManager): Repository<PartnerEntity> {
    return manager ? manager.getRepository(PartnerEntity) : this.partners;
  }
}
