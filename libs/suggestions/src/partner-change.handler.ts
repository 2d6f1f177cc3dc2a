import { Injectable } from '@nestjs/common';
import type { PartnerProfile } from '@app/matching';
import { SuggestionRepository, type SuggestionRow, type Transaction } from '@app/persistence';
import { ActiveMatchingProfileService } from './active-matching-profile.service';
import { MatchIndexCacheService } from './match-index-cache.service';
import { toSuggestionRows } from './partner-profiles';

/**
 * Keeps the stored lists in line with the partners as they are now, through this process's
 * incremental index: the `catch-up-stale-lists` job, and the repair of a run switched in
 * while partners changed during its scoring.
 */
@Injectable()
export class PartnerChangeHandler {
  constructor(
    private readonly suggestions: SuggestionRepository,
    private readonly matchingProfile: ActiveMatchingProfileService,
    private readonly indexCache: MatchIndexCacheService,
  ) {}

  /**
   * Repairs every list a changed partner entered, left or owns. Serialised across processes,
   * so a slower job never overwrites a newer list with an older one.
   */
  async catchUpStaleLists(): Promise<void> {
    await this.suggestions.withListLock(async (tx) => {
      const runId = await this.suggestions.activeRunId(tx);
      if (!runId) return; // before the first run there are no lists to repair
      await this.writeIndexChanges(runId, tx);
    });
  }

  /**
   * After `runId` was switched in: its lists were scored from the partners as they were, so
   * the index starts anew from them and repairs what changed since. Returns how many lists.
   */
  async catchUpSwitchedInRun(runId: string): Promise<number> {
    this.indexCache.invalidate();
    return this.suggestions.withListLock((tx) => this.writeIndexChanges(runId, tx));
  }

  private async writeIndexChanges(runId: string, tx: Transaction): Promise<number> {
    const profile = await this.matchingProfile.ofRun(runId, tx);
    const synced = await this.indexCache.sync(runId, profile, tx);
    const ids = synced.rebuilt ? await this.listsDifferingFromStored(runId, synced.index, synced.profiles, tx) : [...synced.changedPartnerIds];
    const rows: SuggestionRow[] = [];
    for (const id of ids) {
      const viewer = synced.profiles.get(id);
      if (viewer) rows.push(...toSuggestionRows(runId, viewer, synced.index.suggestions(id), (other) => synced.profiles.get(other), profile.version));
    }
    await this.suggestions.replaceLists(runId, ids, rows, tx);
    return ids.length;
  }

  private async listsDifferingFromStored(
    runId: string,
    index: { ranked(id: string): { candidateId: string; score: number }[] },
    profiles: Map<string, PartnerProfile>,
    tx: Transaction,
  ): Promise<string[]> {
    const stored = await this.suggestions.candidateLists(runId, tx);
    const ids = new Set([...profiles.keys(), ...stored.keys()]);
    return [...ids].filter((id) => !sameList(stored.get(id) ?? [], profiles.has(id) ? index.ranked(id) : []));
  }
}

/** Same candidates in the same order with the same scores (to float noise). */
function sameList(stored: readonly { candidateId: string; score: number }[], computed: readonly { candidateId: string; score: number }[]): boolean {
  return (
    stored.length === computed.length &&
    stored.every((entry, rank) => entry.candidateId === computed[rank].candidateId && Math.abs(entry.score - computed[rank].score) < 1e-9)
  );
}
