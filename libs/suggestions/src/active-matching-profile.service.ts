import { Injectable } from '@nestjs/common';
import { DEFAULT_MATCHING_PROFILE, type MatchingProfile } from '@app/matching';
import { MatchingProfileRepository, type MatchingProfileEntity, type MatchingProfileSettings } from '@app/persistence';
import type { EntityManager } from 'typeorm';

/** A version of the matching profile with when and why it was saved (null for the built-in version 1). */
export interface MatchingProfileVersion {
  profile: MatchingProfile;
  note: string | null;
  createdAt: Date | null;
}

const BUILT_IN: MatchingProfileVersion = { profile: DEFAULT_MATCHING_PROFILE, note: null, createdAt: null };

function toVersion(row: MatchingProfileEntity | null): MatchingProfileVersion {
  return row ? { profile: { ...row.settings, version: row.version }, note: row.note, createdAt: row.createdAt } : BUILT_IN;
}

/**
 * The matching profile runs use: the highest saved version, else the built-in default.
 * Read from the database on every use, since the API and the workers are separate processes.
 */
@Injectable()
export class ActiveMatchingProfileService {
  constructor(private readonly profiles: MatchingProfileRepository) {}

  /** Reads through `manager` when given (the caller's transaction). */
  async current(manager?: EntityManager): Promise<MatchingProfile> {
    return (await this.active(manager)).profile;
  }

  async active(manager?: EntityManager): Promise<MatchingProfileVersion> {
    return toVersion(await this.profiles.latest(manager));
  }

  /** The profile a run was requested with; its lists are repaired with that profile until the next run. */
  async ofRun(runId: string, manager?: EntityManager): Promise<MatchingProfile> {
    return toVersion(await this.profiles.findForRun(runId, manager)).profile;
  }

  /** Every version, newest first; the built-in version 1 is the last. */
  async versions(limit: number, offset: number): Promise<{ items: MatchingProfileVersion[]; total: number }> {
    const stored = await this.profiles.list(limit, offset);
    const items = stored.items.map(toVersion);
    if (offset <= stored.total && offset + limit > stored.total) items.push(BUILT_IN);
    return { items, total: stored.total + 1 };
  }

  /** Stores the settings as the next version; run requests call it inside their transaction. */
  async save(settings: MatchingProfileSettings, note: string | null, manager: EntityManager): Promise<MatchingProfileVersion> {
    return toVersion(await this.profiles.saveNext(settings, note, manager));
  }
}
