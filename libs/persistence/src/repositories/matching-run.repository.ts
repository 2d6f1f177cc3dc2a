import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { In, Repository } from 'typeorm';
import { MatchingRunEntity, type RunTrigger } from '../entities/matching-run.entity';

@Injectable()
export class MatchingRunRepository {
  constructor(@InjectRepository(MatchingRunEntity) private readonly runs: Repository<MatchingRunEntity>) {}

  create(trigger: RunTrigger, profileVersion: number): Promise<MatchingRunEntity> {
    return this.runs.save(this.runs.create({ trigger, status: 'queued', profileVersion }));
  }

  async findById(id: string): Promise<MatchingRunEntity | null> {
    return isUUID(id) ? this.runs.findOneBy({ id }) : null;
  }

  /** The run that is queued or running, if any. */
  findUnfinished(): Promise<MatchingRunEntity | null> {
    return this.runs.findOne({ where: { status: In(['queued', 'running']) }, order: { requestedAt: 'DESC' } });
  }

  async list(limit: number, offset: number): Promise<{ items: MatchingRunEntity[]; total: number }> {
    const [items, total] = await this.runs.findAndCount({ order: { requestedAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }

  /** Records the snapshot the run scores; idempotent for a retried job. */
  async markStarted(id: string, partnerCount: number, shardCount: number, startedAt: Date): Promise<void> {
    await this.runs.update({ id, status: In(['queued', 'running']) }, { status: 'running', partnerCount, shardCount, startedAt });
  }

  /** Adds a finished shard once, however often it is retried, and updates the progress. */
  async markShardDone(id: string, shard: number): Promise<void> {
    await this.runs.query(
      `UPDATE matching_run
          SET completed_shards = ARRAY(SELECT DISTINCT unnest(completed_shards || $2::integer) ORDER BY 1),
              progress = LEAST(99, (100 * cardinality(ARRAY(SELECT DISTINCT unnest(completed_shards || $2::integer)))) / GREATEST(shard_count, 1))
        WHERE id = $1`,
      [id, shard],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.runs.update({ id, status: In(['queued', 'running']) }, { status: 'failed', error: error.slice(0, 2000), finishedAt: new Date() });
  }
}
