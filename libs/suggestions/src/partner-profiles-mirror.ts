import type { PartnerProfile } from '@app/matching';
import type { PartnerRepository } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { toPartnerProfile } from './partner-profiles';

/** What a catch-up found: profiles new or changed since the last one, and partners gone. */
export interface PartnerProfileChanges {
  changed: PartnerProfile[];
  removedIds: string[];
}

/**
 * Every partner's matching profile as of the last catch-up, kept in step by reading only the
 * partners written or deleted since (`matchingProfilesWrittenSince`): at 100,000 partners a
 * catch-up reads a handful of rows by index, where reading every change stamp took ~100,000
 * rows (and counting them, to tell deletions, ~50–100 ms).
 * The first catch-up reads every partner.
 */
export class PartnerProfilesMirror {
  readonly profiles = new Map<string, PartnerProfile>();
  private horizon: string | null = null;

  get size(): number {
    return this.profiles.size;
  }

  async catchUp(partners: PartnerRepository, manager?: EntityManager): Promise<PartnerProfileChanges> {
    const read = await partners.matchingProfilesWrittenSince(this.horizon, manager);
    const changed: PartnerProfile[] = [];
    for (const row of read.written) {
      const profile = toPartnerProfile(row);
      const known = this.profiles.get(row.id);
      // Seen by the last read already (written at or above its horizon, yet visible to it), or
      // a change of what matching does not read (a name, a description).
      if (known && sameProfile(known, profile)) continue;
      this.profiles.set(row.id, profile);
      changed.push(profile);
    }
    let removedIds: string[];
    if (read.deletedIds === null) {
      const present = new Set(await partners.ids(manager));
      removedIds = [...this.profiles.keys()].filter((id) => !present.has(id));
    } else {
      removedIds = read.deletedIds.filter((id) => this.profiles.has(id));
    }
    for (const id of removedIds) this.profiles.delete(id);
    this.horizon = read.horizon;
    return { changed, removedIds };
  }
}

/** Profiles are built field by field in one order (`toPartnerProfile`): their JSON compares them. */
function sameProfile(a: PartnerProfile, b: PartnerProfile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
