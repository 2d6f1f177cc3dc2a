import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { In, MoreThan, Repository, type EntityManager } from 'typeorm';
import { MatchingRunEntity, type RunTrigger, type ShardBounds } from '../entities/matching-run.entity';

@Injectable()
export class MatchingRunRepository {
  constructor(@InjectRepository(MatchingRunEntity) private readonly runs: Repository<MatchingRunEntity>) {}

  /** A queued run, with the version of each purpose's profile it is requested with. */
  create(trigger: RunTrigger, versions: { samenwerken: number; kennisdelen: number }, manager?: EntityManager): Promise<MatchingRunEntity> {
    const runs = this.within(manager);
    return runs.save(runs.create({ trigger, status: 'queued', profileVersion: versions.samenwerken, kennisdelenProfileVersion: versions.kennisdelen }));
  }

  async findById(id: string): Promise<MatchingRunEntity | null> {
    return isUUID(id) ? this.runs.findOneBy({ id }) : null;
  }

  /** The run that is queued or running, if any. */
  findUnfinished(manager?: EntityManager): Promise<MatchingRunEntity | null> {
    return this.within(manager).findOne({ where: { status: In(['queued', 'running']) }, order: { requestedAt: 'DESC' } });
  }

  /** Runs `work` in a transaction holding the lock that serialises run requests (and profile saves). */
  withRequestLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.runs.manager.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('partnermatch:run-requests'))`);
      return work(tx);
    });
  }

  /** Runs that finished after `since`, oldest first. */
  finishedSince(since: Date): Promise<MatchingRunEntity[]> {
    return this.runs.find({ where: { finishedAt: MoreThan(since) }, order: { finishedAt: 'ASC' } });
  }

  async list(limit: number, offset: number): Promise<{ items: MatchingRunEntity[]; total: number }> {
    const [items, total] = await this.runs.findAndCount({ order: { requestedAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }

  /** Records the snapshot the run scores; idempotent for a retried job. */
  async markStarted(id: string, partnerCount: number, shardBounds: ShardBounds[], startedAt: Date): Promise<void> {
    await this.runs.update(
      { id, status: In(['queued', 'running']) },
      { status: 'running', partnerCount, shardCount: shardBounds.length, shardBounds, startedAt, progressedAt: () => 'now()' },
    );
  }

  /** Shows the watchdog that a worker is busy with the run (a long shard gives no other sign). */
  async touch(id: string): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { progressedAt: () => 'now()' });
  }

  /** Adds a finished shard once, however often it is retried, and updates the progress. */
  /** Records a shard as scored; returns how many of the run's shards are not yet. */
  async markShardDone(id: string, shard: number): Promise<number> {
    const [rows] = await this.runs.query(
      `UPDATE matching_run
          SET completed_shards = ARRAY(SELECT DISTINCT unnest(completed_shards || $2::integer) ORDER BY 1),
              progress = LEAST(99, (100 * cardinality(ARRAY(SELECT DISTINCT unnest(completed_shards || $2::integer)))) / GREATEST(shard_count, 1)),
              progressed_at = now()
        WHERE id = $1
        RETURNING GREATEST(0, coalesce(shard_count, 0) - cardinality(completed_shards)) AS remaining`,
      [id, shard],
    );
    return rows?.[0]?.remaining ?? 0;
  }

  /**
   * The unfinished run, if any, with how long ago it last moved by the database's clock
   * (the same for every process that asks).
   */
  async findUnfinishedWithIdleTime(): Promise<{ run: MatchingRunEntity; idleMs: number } | null> {
    const run = await this.findUnfinished();
    if (!run) return null;
    const [row] = await this.runs.query(`SELECT (extract(epoch FROM now() - progressed_at) * 1000)::float8 AS "idleMs" FROM matching_run WHERE id = $1`, [run.id]);
    return row ? { run, idleMs: Number(row.idleMs) } : null;
  }

  /**
   * Takes the right to recover an unfinished run: counts the recovery and marks the run as
   * moved, but only while it is still `seenRecoveries` times recovered and idle for at least
   * `idleMs`, so of two watchdogs looking at once only one recovers it.
   */
  async claimRecovery(id: string, seenRecoveries: number, idleMs: number): Promise<boolean> {
    const result = await this.runs
      .createQueryBuilder()
      .update()
      .set({ recoveries: () => 'recoveries + 1', progressedAt: () => 'now()' })
      .where(`id = :id AND status IN ('queued', 'running') AND recoveries = :seenRecoveries`, { id, seenRecoveries })
      .andWhere(`progressed_at <= now() - :idleMs * interval '1 millisecond'`, { idleMs })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records a running run as completed, in the caller's transaction (the one that switches its
   * lists in). Returns false when it is no longer running (finalised before, or failed).
   */
  async markCompleted(id: string, suggestionCount: number, tx: EntityManager): Promise<boolean> {
    const result = await this.within(tx).update({ id, status: 'running' }, { status: 'completed', progress: 100, suggestionCount, finishedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.runs.update({ id, status: In(['queued', 'running']) }, { status: 'failed', error: error.slice(0, 2000), finishedAt: new Date() });
  }

  /** Reads and writes inside the caller's transaction when given one (the embedded pool has one connection). */
  private within(manager?: EntityManager): Repository<MatchingRunEntity> {
    return manager ? manager.getRepository(MatchingRunEntity) : this.runs;
  }
}
