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

/** Where the never-suggested pairs stood at a read (`pairsVersion`). */
export interface PairsVersion {
  /** The read's snapshot `xmin`: a pair written after the read was written by a transaction at or above it. */
  horizon: string;
  /** How many pairs are never suggested: a match deleted with its partner leaves no stamp, the count tells it. */
  excluded: number;
  digest: string;
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

  /**
   * Where the never-suggested pairs stand now, to compare with later (`pairsStillAt`). Taken
   * before the caller reads the pairs: a horizon older than the read only makes a later
   * comparison look at more rows.
   */
  async pairsVersion(manager?: EntityManager): Promise<PairsVersion> {
    const connections = await this.connections.writtenSince(null, manager);
    const excluded = await this.matches.neverSuggestedWrittenSince(connections.horizon, manager);
    return { horizon: connections.horizon, excluded: excluded.count, digest: await this.pairsDigest(manager) };
  }

  /**
   * `version` moved on to now when the never-suggested pairs are still the same, else null. No
   * pair written or deleted since its horizon and as many excluded pairs: the same pairs,
   * answered by indexes and one count. Only when some was written (perhaps a note, or a
   * decision taken back) are they digested, as every comparison did before (~170 ms for
   * 200,000 connections).
   */
  async pairsStillAt(version: PairsVersion, manager?: EntityManager): Promise<PairsVersion | null> {
    const connections = await this.connections.writtenSince(version.horizon, manager);
    const excluded = await this.matches.neverSuggestedWrittenSince(version.horizon, manager);
    if (excluded.count !== version.excluded) return null;
    if ((connections.written || excluded.written) && (await this.pairsDigest(manager)) !== version.digest) return null;
    // The horizon of the first statement: no later than either read's snapshot.
    return { ...version, horizon: connections.horizon };
  }

  /** A digest that changes whenever the never-suggested pairs change; computed in the database. */
  private async pairsDigest(manager?: EntityManager): Promise<string> {
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
