import { Injectable } from '@nestjs/common';
import { MatchIndex, type MatchingProfile, type PartnerProfile } from '@app/matching';
import { PartnerRepository } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { MatchInputsService } from './match-inputs.service';
import { toPartnerProfile } from './partner-profiles';

export interface SyncedIndex {
  index: MatchIndex;
  profiles: Map<string, PartnerProfile>;
  /** True when the index was built anew: its lists must be compared with the stored ones. */
  rebuilt: boolean;
  /** Partners whose lists changed since the index was last synced (when not rebuilt). */
  changedPartnerIds: Set<string>;
}

interface CachedIndex {
  index: MatchIndex;
  profiles: Map<string, PartnerProfile>;
  stamps: Map<string, number>;
  pairsKey: string;
  profileVersion: number;
  runId: string;
}

/**
 * This process's incremental index of every list. Several workers may change partners, so
 * before each use the index is brought up to date with the database: partners whose
 * `updatedAt` moved are re-inserted, vanished ones removed. A change of connections or
 * rejected pairs, of the active run or of the matching profile rebuilds it (the core fixes
 * those at build).
 */
@Injectable()
export class MatchIndexCacheService {
  private cached: CachedIndex | null = null;

  constructor(
    private readonly partners: PartnerRepository,
    private readonly inputs: MatchInputsService,
  ) {}

  /** Brings the index up to date, reading through `manager` (the caller's transaction). */
  async sync(runId: string, profile: MatchingProfile, manager: EntityManager): Promise<SyncedIndex> {
    // A digest, not the pairs: reading every connection on every change would cost more than the change.
    const key = await this.inputs.pairsDigest(manager);
    const cached = this.cached;
    if (!cached || cached.runId !== runId || cached.profileVersion !== profile.version || cached.pairsKey !== key) {
      return this.rebuild(runId, profile, key, manager);
    }
    const stamps = await this.partners.changeStamps(manager);
    const changedIds = [...stamps].filter(([id, stamp]) => cached.stamps.get(id) !== stamp).map(([id]) => id);
    const removedIds = [...cached.stamps.keys()].filter((id) => !stamps.has(id));
    const changedPartnerIds = new Set<string>();
    for (const partner of await this.partners.findMatchingProfiles(changedIds, manager)) {
      const profileOfPartner = toPartnerProfile(partner);
      cached.profiles.set(partner.id, profileOfPartner);
      changedPartnerIds.add(partner.id);
      for (const id of cached.index.upsert(profileOfPartner).changedPartnerIds) changedPartnerIds.add(id);
    }
    for (const id of removedIds) {
      cached.profiles.delete(id);
      for (const changed of cached.index.remove(id).changedPartnerIds) changedPartnerIds.add(changed);
    }
    cached.stamps = stamps;
    return { index: cached.index, profiles: cached.profiles, rebuilt: false, changedPartnerIds };
  }

  /** Forgets the index, e.g. after a run was switched in. */
  invalidate(): void {
    this.cached = null;
  }

  private async rebuild(
    runId: string,
    profile: MatchingProfile,
    key: string,
    manager: EntityManager,
  ): Promise<SyncedIndex> {
    const pairs = await this.inputs.pairsNeverSuggested(manager);
    const rows = await this.partners.matchingProfiles(manager);
    const profiles = new Map(rows.map((row) => [row.id, toPartnerProfile(row)]));
    const index = await MatchIndex.build([...profiles.values()], { profile, ...pairs });
    this.cached = {
      index,
      profiles,
      stamps: new Map(rows.map((row) => [row.id, row.updatedAt.getTime()])),
      pairsKey: key,
      profileVersion: profile.version,
      runId,
    };
    return { index, profiles, rebuilt: true, changedPartnerIds: new Set() };
  }
}
