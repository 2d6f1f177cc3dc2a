import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { MatchingProfileEntity, type MatchingProfileSettings } from '../entities/matching-profile.entity';
import { MatchingRunEntity } from '../entities/matching-run.entity';

/** The first version the team can save; 1 is the built-in default. */
const FIRST_STORED_VERSION = 2;

@Injectable()
export class MatchingProfileRepository {
  constructor(@InjectRepository(MatchingProfileEntity) private readonly profiles: Repository<MatchingProfileEntity>) {}

  /** The active (highest) version; null while only the built-in default exists. */
  async latest(manager?: EntityManager): Promise<MatchingProfileEntity | null> {
    const [latest] = await this.within(manager).find({ order: { version: 'DESC' }, take: 1 });
    return latest ?? null;
  }

  /** The stored profile a run was requested with; null when that was the built-in default. */
  findForRun(runId: string, manager?: EntityManager): Promise<MatchingProfileEntity | null> {
    return this.within(manager)
      .createQueryBuilder('profile')
      .innerJoin(MatchingRunEntity, 'run', 'run.profileVersion = profile.version')
      .where('run.id = :runId', { runId })
      .getOne();
  }

  /** Stores the next version (highest + 1, at least 2). Callers serialise saves. */
  async saveNext(settings: MatchingProfileSettings, note: string | null, manager?: EntityManager): Promise<MatchingProfileEntity> {
    const profiles = this.within(manager);
    const highest = (await profiles.maximum('version')) ?? 0;
    return profiles.save(profiles.create({ version: Math.max(highest + 1, FIRST_STORED_VERSION), settings, note }));
  }

  async list(limit: number, offset: number): Promise<{ items: MatchingProfileEntity[]; total: number }> {
    const [items, total] = await this.profiles.findAndCount({ order: { version: 'DESC' }, take: limit, skip: offset });
    return { items, total };
  }

  /** Reads inside the caller's transaction when given one (the embedded pool has one connection). */
  private within(manager?: EntityManager): Repository<MatchingProfileEntity> {
    return manager ? manager.getRepository(MatchingProfileEntity) : this.profiles;
  }
}
