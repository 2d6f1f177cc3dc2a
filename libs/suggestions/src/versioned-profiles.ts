import { MatchingProfileRepository, type MatchingProfileEntity, type ProfileSettingsOf, type SuggestionPurpose } from '@app/persistence';
import type { EntityManager } from 'typeorm';

/** A version of a purpose's profile with when and why it was saved (null for the built-in version 1). */
export interface ProfileVersion<Profile> {
  profile: Profile;
  note: string | null;
  createdAt: Date | null;
}

/**
 * A purpose's versioned profile as runs use it: the highest saved version, else the built-in
 * default. Read from the database on every use, since the API and the workers are separate
 * processes. ActiveMatchingProfileService and ActiveKennisdelenProfileService are its two purposes.
 */
export abstract class VersionedProfiles<P extends SuggestionPurpose, Profile> {
  private readonly builtIn: ProfileVersion<Profile>;

  protected constructor(
    private readonly profiles: MatchingProfileRepository,
    private readonly purpose: P,
    builtIn: Profile,
    /** A stored row as the purpose's profile type. */
    private readonly profileOf: (row: MatchingProfileEntity<P>) => Profile,
  ) {
    this.builtIn = { profile: builtIn, note: null, createdAt: null };
  }

  private toVersion(row: MatchingProfileEntity<P> | null): ProfileVersion<Profile> {
    return row ? { profile: this.profileOf(row), note: row.note, createdAt: row.createdAt } : this.builtIn;
  }

  /** Reads through `manager` when given (the caller's transaction). */
  async current(manager?: EntityManager): Promise<Profile> {
    return (await this.active(manager)).profile;
  }

  async active(manager?: EntityManager): Promise<ProfileVersion<Profile>> {
    return this.toVersion(await this.profiles.latest(this.purpose, manager));
  }

  /** The profile a run was requested with; its lists are repaired with that profile until the next run. */
  async ofRun(runId: string, manager?: EntityManager): Promise<Profile> {
    return this.toVersion(await this.profiles.findForRun(this.purpose, runId, manager)).profile;
  }

  /** Every version, newest first; the built-in version 1 is the last. */
  async versions(limit: number, offset: number): Promise<{ items: ProfileVersion<Profile>[]; total: number }> {
    const stored = await this.profiles.list(this.purpose, limit, offset);
    const items = stored.items.map((row) => this.toVersion(row));
    if (offset <= stored.total && offset + limit > stored.total) items.push(this.builtIn);
    return { items, total: stored.total + 1 };
  }

  /** Stores the settings as the next version; run requests call it inside their transaction. */
  async save(settings: ProfileSettingsOf[P], note: string | null, manager: EntityManager): Promise<ProfileVersion<Profile>> {
    return this.toVersion(await this.profiles.saveNext(this.purpose, settings, note, manager));
  }
}
