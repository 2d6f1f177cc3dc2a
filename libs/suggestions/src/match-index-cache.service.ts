import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MatchIndex, type MatchingProfile, type PartnerProfile } from '@app/matching';
import { PartnerRepository, ranksWithoutGap, SuggestionRepository, Transactions, type StoredListEntry } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { KennisdelenListsService } from './kennisdelen-lists.service';
import { MatchInputsService, type PairsVersion } from './match-inputs.service';
import { PartnerProfilesMirror } from './partner-profiles-mirror';

export interface SyncedIndex {
  index: MatchIndex;
  profiles: Map<string, PartnerProfile>;
  /** True when the index was built in this call: its lists must be compared with the stored ones. */
  rebuilt: boolean;
  /** Partners whose samenwerken lists may differ from the stored ones (when not rebuilt). */
  changedPartnerIds: Set<string>;
  /**
   * Partners whose own profile changed, or who left, since the previous sync (when not rebuilt):
   * what another purpose's lists follow. Far fewer than `changedPartnerIds`, which adds every
   * partner whose samenwerken list the change reaches.
   */
  changedProfileIds: Set<string>;
}

/** More changed partners than this share of all since the last sync: building anew is cheaper than upserting each. */
const REBUILD_SHARE = 0.1;
const REBUILD_MIN = 1_000;

interface CachedIndex {
  index: MatchIndex;
  /** The partners the index holds, caught up at each sync. */
  partners: PartnerProfilesMirror;
  pairs: PairsVersion;
  profileVersion: number;
  /**
   * How the stored lists relate to the index. `in-step`: they are as the index was at its last
   * sync, so a sync writes the lists its changes touched. After a build outside the list lock:
   * the run that was active right after the snapshot was read and the lists of that run found
   * to differ from the index. A run switched in later is repaired by its finaliser against
   * an index of its own (`catchUpSwitchedInRun`), which covers every change before it.
   */
  stored: 'in-step' | { runId: string | null; differing: Set<string> };
}

/**
 * This process's incremental index of every list, kept across runs: a run switched in with
 * the same matching profile and never-suggested pairs leaves it valid (the lists depend on
 * the partners, not on the run), so the first change after a run costs no kernel run. Several
 * workers may change partners, so before each use the index is brought up to date with the
 * database: partners written since the last sync are re-inserted, vanished ones removed. A change
 * of connections or rejected pairs, or of the profile, needs a new index (the core fixes
 * those at build). That build — a full kernel run, ~40 s at 100,000 partners — happens
 * outside the list lock (`warm`), so the other workers' repairs go on meanwhile, and ahead of
 * need: each worker warms its index when its queue drains and when a run's last shards are scored.
 */
@Injectable()
export class MatchIndexCacheService {
  private readonly logger = new Logger(MatchIndexCacheService.name);
  private cached: CachedIndex | null = null;
  private warming: Promise<void> | null = null;

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnerRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly inputs: MatchInputsService,
    private readonly transactions: Transactions,
    private readonly kennisdelen: KennisdelenListsService,
  ) {}

  /**
   * Builds the index for `profile` and the current pairs unless this process holds it; no
   * transaction or lock is held while the kernel runs. Concurrent calls share one build.
   */
  async warm(profile: MatchingProfile): Promise<void> {
    for (;;) {
      while (this.warming) await this.warming;
      const cached = this.cached;
      const pairs = cached && cached.profileVersion === profile.version ? await this.inputs.pairsStillAt(cached.pairs) : null;
      if (this.warming) continue; // another call started a build meanwhile: wait for that one
      if (cached && pairs && this.cached === cached) {
        cached.pairs = pairs;
        return;
      }
      this.warming = this.buildOutsideLock(profile).finally(() => (this.warming = null));
      return this.warming;
    }
  }

  /** `warm` without waiting for it; a failure is logged and the next use builds in the lock. */
  warmInBackground(profile: MatchingProfile): void {
    this.warm(profile).catch((error: Error) => this.logger.warn(`Warming the match index failed: ${error.message}`));
  }

  /** Brings the index up to date, reading through `manager` (the caller's transaction, which holds the list lock). */
  async sync(runId: string, profile: MatchingProfile, manager: EntityManager): Promise<SyncedIndex> {
    // Never waits for a warm-up here: its reads need a connection, and the embedded pool's one is this.
    const cached = this.cached;
    const pairs = cached && cached.profileVersion === profile.version ? await this.inputs.pairsStillAt(cached.pairs, manager) : null;
    if (!cached || !pairs) return this.rebuild(profile, manager);
    cached.pairs = pairs;
    const { changed, removedIds } = await cached.partners.catchUp(this.partners, manager);
    if (changed.length + removedIds.length > Math.max(REBUILD_MIN, cached.partners.size * REBUILD_SHARE)) return this.rebuild(profile, manager);
    const changedPartnerIds = new Set<string>();
    if (cached.stored !== 'in-step' && cached.stored.runId === runId) for (const id of cached.stored.differing) changedPartnerIds.add(id);
    cached.stored = 'in-step';
    for (const partner of changed) {
      changedPartnerIds.add(partner.id);
      for (const id of cached.index.upsert(partner).changedPartnerIds) changedPartnerIds.add(id);
    }
    for (const id of removedIds) {
      changedPartnerIds.add(id);
      for (const other of cached.index.remove(id).changedPartnerIds) changedPartnerIds.add(other);
    }
    const changedProfileIds = new Set([...changed.map((partner) => partner.id), ...removedIds]);
    return { index: cached.index, profiles: cached.partners.profiles, rebuilt: false, changedPartnerIds, changedProfileIds };
  }

  /**
   * A build from one consistent read of the partners and pairs, then the lists of the run
   * active after that read that differ from it (one statement: one snapshot of the lists).
   */
  private async buildOutsideLock(profile: MatchingProfile): Promise<void> {
    // The reads in one snapshot, the kernel after it: the embedded database has one connection.
    const { inputs, runId, kennisdelen } = await this.transactions.snapshot(async (tx) => {
      const runId = await this.suggestions.activeRunId(tx);
      return { inputs: await this.readInputs(tx), runId, kennisdelen: await this.kennisdelen.snapshotInputs(runId, tx) };
    });
    const fresh = await this.build(profile, inputs, 'outside the list lock');
    const differing = runId ? listsDifferingFromStored(await this.suggestions.candidateLists(runId), fresh.index, fresh.partners.profiles) : [];
    // The kennisdelen lists from the same snapshot, adopted with this index, so the first repair ranks neither purpose's lists anew.
    // Not in the embedded default: there the ranking would hold the API's event loop, and at its size a repair ranks them in milliseconds.
    const adoptKennisdelen =
      this.config.database.kind === 'embedded' ? undefined : await this.kennisdelen.warm({ runId, index: fresh.index, profiles: fresh.partners.profiles, connections: inputs.pairs.connections, ...kennisdelen });
    this.cached = { ...fresh, stored: { runId, differing: new Set(differing) } };
    adoptKennisdelen?.();
  }

  private async rebuild(profile: MatchingProfile, manager: EntityManager): Promise<SyncedIndex> {
    const fresh = await this.build(profile, await this.readInputs(manager), 'in the list lock');
    this.cached = { ...fresh, stored: 'in-step' };
    return { index: fresh.index, profiles: fresh.partners.profiles, rebuilt: true, changedPartnerIds: new Set(), changedProfileIds: new Set() };
  }

  /** The pairs' version before the pairs: a later comparison then looks at no fewer rows than it must. */
  private async readInputs(manager: EntityManager) {
    const version = await this.inputs.pairsVersion(manager);
    const pairs = await this.inputs.pairsNeverSuggested(manager);
    const partners = new PartnerProfilesMirror();
    await partners.catchUp(this.partners, manager);
    return { version, pairs, partners };
  }

  private async build(profile: MatchingProfile, { version, pairs, partners }: Awaited<ReturnType<MatchIndexCacheService['readInputs']>>, where: string): Promise<Omit<CachedIndex, 'stored'>> {
    const started = Date.now();
    // Off the event loop in the embedded default, whose API serves requests on it.
    const index = await MatchIndex.build([...partners.profiles.values()], { profile, ...pairs, offThread: this.config.database.kind === 'embedded' });
    this.logger.log(`Match index built for ${partners.size} partners in ${Date.now() - started} ms (${where})`);
    return { index, partners, pairs: version, profileVersion: profile.version };
  }
}

/** The partners whose stored list (`stored`) is not the index's: other candidates, order or scores, or a gap in its ranks. */
export function listsDifferingFromStored(
  stored: Map<string, StoredListEntry[]>,
  index: { ranked(id: string): { candidateId: string; score: number }[] },
  profiles: Map<string, PartnerProfile>,
): string[] {
  const ids = new Set([...profiles.keys(), ...stored.keys()]);
  return [...ids].filter((id) => !sameList(stored.get(id) ?? [], profiles.has(id) ? index.ranked(id) : []));
}

/** Same candidates in the same order with the same scores (to float noise), stored at ranks 1..n. */
function sameList(stored: readonly StoredListEntry[], computed: readonly { candidateId: string; score: number }[]): boolean {
  return (
    stored.length === computed.length &&
    ranksWithoutGap(stored) &&
    stored.every((entry, at) => entry.candidateId === computed[at].candidateId && Math.abs(entry.score - computed[at].score) < 1e-9)
  );
}
