import { Injectable } from '@nestjs/common';
import { jsonText, pairKey, type Connection, type JsonText, type MatchingProfile, type MatchOptions, type PartnerProfile } from '@app/matching';
import { ConnectionRepository, MatchRepository, PartnerRepository } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { toPartnerProfile } from './partner-profiles';

/** The pairs that are never suggested: existing collaborations and pairs the team rejected. */
export interface PairsNeverSuggested {
  connections: Connection[];
  excludedPairs: Connection[];
}

/** The inputs as JSON text built by the database, for the analysis thread to parse. */
export interface MatchInputsText {
  profiles: JsonText<PartnerProfile[]>;
  connections: JsonText<Connection[]>;
  excludedPairs: JsonText<Connection[]>;
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

  /**
   * The same partners and pairs as `load`, as JSON text: for a computation on another thread,
   * so this event loop neither parses the rows nor copies them as objects.
   */
  async loadAsText(): Promise<MatchInputsText> {
    const [profiles, connections, excludedPairs] = await Promise.all([
      this.partners.matchingProfilesJson(),
      this.connections.allPairsJson(),
      this.matches.neverSuggestedPairsJson(),
    ]);
    return { profiles: jsonText(profiles), connections: jsonText(connections), excludedPairs: jsonText(excludedPairs) };
  }

  /** A digest that changes whenever the never-suggested pairs change; computed in the database. */
  async pairsDigest(manager?: EntityManager): Promise<string> {
    return `${await this.connections.pairsDigest(manager)}|${await this.matches.neverSuggestedDigest(manager)}`;
  }

  /** The pairs rejected or declined for kennisdelen, and a digest that changes with them. */
  async kennisdelenExcluded(manager?: EntityManager): Promise<{ pairs: Connection[]; digest: string }> {
    const pairs = await this.matches.neverSuggestedPairs(manager, 'kennisdelen');
    // Few pairs (the team's kennisdelen rejections): their sorted keys are the digest, no second query.
    return { pairs, digest: pairs.map(({ a, b }) => pairKey(a, b)).sort().join(',') };
  }

  async pairsNeverSuggested(manager?: EntityManager): Promise<PairsNeverSuggested> {
    return { connections: await this.connections.allPairs(manager), excludedPairs: await this.matches.neverSuggestedPairs(manager) };
  }
}
