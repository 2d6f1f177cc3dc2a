import { Injectable } from '@nestjs/common';
import type { Connection, MatchingProfile, MatchOptions, PartnerProfile } from '@app/matching';
import { ConnectionRepository, MatchRepository, PartnerRepository } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { toPartnerProfile } from './partner-profiles';

/** The pairs that are never suggested: existing collaborations and pairs the team rejected. */
export interface PairsNeverSuggested {
  connections: Connection[];
  excludedPairs: Connection[];
}

export interface MatchInputs {
  profiles: PartnerProfile[];
  options: Required<MatchOptions>;
}

/**
 * What every computation of lists starts from — full runs, shards, the incremental index and
 * previews alike — so they all see the same partners, profile and exclusions.
 */
@Injectable()
export class MatchInputsService {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly connections: ConnectionRepository,
    private readonly matches: MatchRepository,
    private readonly matchingProfile: ActiveMatchingProfileService,
  ) {}

  /** Everything, read through `manager` when given (the caller's transaction). */
  async load(manager?: EntityManager, profile?: MatchingProfile): Promise<MatchInputs> {
    const rows = await this.partners.matchingProfiles(manager);
    const pairs = await this.pairsNeverSuggested(manager);
    return { profiles: rows.map(toPartnerProfile), options: { profile: profile ?? (await this.matchingProfile.current(manager)), ...pairs } };
  }

  /** A digest that changes whenever the never-suggested pairs change; computed in the database. */
  async pairsDigest(manager?: EntityManager): Promise<string> {
    return `${await this.connections.pairsDigest(manager)}|${await this.matches.neverSuggestedDigest(manager)}`;
  }

  async pairsNeverSuggested(manager?: EntityManager): Promise<PairsNeverSuggested> {
    return { connections: await this.connections.allPairs(manager), excludedPairs: await this.matches.neverSuggestedPairs(manager) };
  }
}
