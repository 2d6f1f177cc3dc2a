import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { MatchingProfileEntity, type ProfileSettingsOf } from '../entities/matching-profile.entity';
import { MatchingRunEntity } from '../entities/matching-run.entity';
import type { SuggestionPurpose } from '../entities/suggestion.entity';

/** The first version the team can save of a purpose; 1 is the built-in default. */
const FIRST_STORED_VERSION = 2;

/** The run column holding the version of each purpose's profile the run was requested with. */
const RUN_VERSION_COLUMN: Record<SuggestionPurpose, 'profileVersion' | 'kennisdelenProfileVersion'> = {
  samenwerken: 'profileVersion',
  kennisdelen: 'kennisdelenProfileVersion',
};

/** Each purpose's saved versions; every method is about one purpose's. */
@Injectable()
export class MatchingProfileRepository {
  constructor(@InjectRepository(MatchingProfileEntity) private readonly profiles: Repository<MatchingProfileEntity>) {}

  /** The active (highest) version; null while only the built-in default exists. */
  async latest<P extends SuggestionPurpose>(purpose: P, manager?: EntityManager): Promise<MatchingProfileEntity<P> | null> {
    const [latest] = await this.within(manager).find({ where: { purpose }, order: { version: 'DESC' }, take: 1 });
    return (latest as MatchingProfileEntity<P> | undefined) ?? null;
  }

  /** The stored profile a run was requested with; null when that was the built-in default. */
  async findForRun<P extends SuggestionPurpose>(purpose: P, runId: string, manager?: EntityManager): Promise<MatchingProfileEntity<P> | null> {
    const row = await this.within(manager)
      .createQueryBuilder('profile')
      .innerJoin(MatchingRunEntity, 'run', `run.${RUN_VERSION_COLUMN[purpose]} = profile.version`)
      .where('run.id = :runId', { runId })
      .andWhere('profile.purpose = :purpose', { purpose })
      .getOne();
    return row as MatchingProfileEntity<P> | null;
  }

  /** Stores the purpose's next version (its highest + 1, at least 2). Callers serialise saves. */
  async saveNext<P extends SuggestionPurpose>(purpose: P, settings: ProfileSettingsOf[P], note: string | null, manager?: EntityManager): Promise<MatchingProfileEntity<P>> {
    const profiles = this.within(manager);
    const highest = (await profiles.maximum('version', { purpose })) ?? 0;
    const saved = await profiles.save(profiles.create({ purpose, version: Math.max(highest + 1, FIRST_STORED_VERSION), settings, note }));
    return saved as MatchingProfileEntity<P>;
  }

  async list<P extends SuggestionPurpose>(purpose: P, limit: number, offset: number): Promise<{ items: MatchingProfileEntity<P>[]; total: number }> {
    const [items, total] = await this.profiles.findAndCount({ where: { purpose }, order: { version: 'DESC' }, take: limit, skip: offset });
    return { items: items as MatchingProfileEntity<P>[], total };
  }

  /** Reads inside the caller's transaction when given one (the embedded pool has one connection). */
  private within(manager?: EntityManager): Repository<MatchingProfileEntity> {
    return manager ? manager.getRepository(MatchingProfileEntity) : this.profiles;
  }
}
