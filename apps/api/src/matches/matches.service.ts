import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { FollowUpsService, IntroductionMailsService } from '@app/mail';
import { ConnectionRepository, MATCH_STATUSES, MatchRepository, SuggestionRepository, type MatchEntity, type MatchEventEntity, type MatchStatus } from '@app/persistence';
import { mergeGemeenteFilters } from '../common/gemeente-filter';
import { PartnerChangesService } from '../partners/partner-changes.service';
import type { BulkUpdateMatchesDto, UpdateMatchDto } from './dtos/update-match.dto';
import type { ReviewItem } from '@app/persistence';
import type { ReviewCountsQueryDto, ReviewQueryDto } from './dtos/review.dto';
import { allowedNextStatuses, canMove, changesLists } from './match-transitions';

@Injectable()
export class MatchesService {
  constructor(
    private readonly matches: MatchRepository,
    private readonly connections: ConnectionRepository,
    private readonly suggestions: SuggestionRepository,
    private readonly changes: PartnerChangesService,
    private readonly introductions: IntroductionMailsService,
    private readonly followUps: FollowUpsService,
  ) {}

  async get(id: string): Promise<MatchEntity> {
    const match = await this.matches.findById(id);
    if (!match) throw DomainException.notFound('Match', id);
    return match;
  }

  async history(id: string): Promise<{ match: MatchEntity; events: MatchEventEntity[] }> {
    const match = await this.get(id);
    return { match, events: await this.matches.history(match.id) };
  }

  /** `actor`: who decides, as the history records it: the key's name, or the signed-in person's name and address. */
  async update(id: string, decision: UpdateMatchDto, actor: string): Promise<MatchEntity> {
    const [updated] = await this.decide([id], decision, actor, (badId) => DomainException.notFound('Match', badId));
    return updated;
  }

  /** One decision for many matches, all or nothing. */
  bulk(decision: BulkUpdateMatchesDto, actor: string): Promise<MatchEntity[]> {
    const unknown = (badId: string) =>
      new DomainException('not-found', `Match "${badId}" does not exist; nothing was changed`, [
        { field: `ids[${decision.ids.indexOf(badId)}]`, message: 'no match with this id', value: badId },
      ]);
    return this.decide([...new Set(decision.ids)], decision, actor, unknown);
  }

  async reviews(query: ReviewQueryDto): Promise<{ runId: string | null; items: ReviewItem[]; total: number }> {
    const runId = await this.suggestions.activeRunId();
    if (!runId) return { runId, items: [], total: 0 };
    const { items, total } = await this.matches.reviewQueue(runId, {
      purpose: query.purpose,
      statuses: [query.status],
      sector: query.sector,
      gemeenten: mergeGemeenteFilters(query.gemeente, query.province),
      opgave: query.opgave,
      leefdomein: query.leefdomein,
      minScore: query.minScore,
      mutualInterest: query.mutualInterest,
      limit: query.limit,
      offset: query.offset,
    });
    return { runId, items, total };
  }

  /** How many pairs of the current lists have each status under the queue's filters (all zero before the first run). */
  async reviewCounts(query: ReviewCountsQueryDto): Promise<{ runId: string | null; counts: Record<MatchStatus, number> }> {
    const runId = await this.suggestions.activeRunId();
    const search = {
      purpose: query.purpose,
      sector: query.sector,
      gemeenten: mergeGemeenteFilters(query.gemeente, query.province),
      opgave: query.opgave,
      leefdomein: query.leefdomein,
      minScore: query.minScore,
      mutualInterest: query.mutualInterest,
    };
    const counts = runId ? await this.matches.reviewCounts(runId, search) : (Object.fromEntries(MATCH_STATUSES.map((status) => [status, 0])) as Record<MatchStatus, number>);
    return { runId, counts };
  }

  /** One pair as the queue shows it, whatever its status; 404 when unknown or in none of the current lists. */
  async reviewItem(id: string): Promise<{ runId: string; item: ReviewItem }> {
    const match = await this.get(id);
    const runId = await this.suggestions.activeRunId();
    const item = runId ? await this.matches.reviewItem(runId, match.id) : null;
    if (!runId || !item) throw new DomainException('not-found', `Match "${id}" is in none of the current lists (it is ${match.status}), so it has no score to show`);
    return { runId, item };
  }

  /**
   * Applies one decision to the matches in one transaction with their rows locked: every
   * move must be allowed or nothing changes. A collaboration becomes a connection; moves
   * that take a pair out of the lists (or back in) record the recompute of both partners.
   */
  private async decide(ids: string[], decision: UpdateMatchDto, actor: string, unknown: (id: string) => DomainException): Promise<MatchEntity[]> {
    const to = decision.status;
    const changed = await this.changes.transaction(async (tx, recompute) => {
      const locked = await this.matches.lockMany(ids, tx);
      const missing = ids.find((id) => !locked.has(id));
      if (missing) throw unknown(missing);
      const stuck = [...locked.values()].filter((match) => !canMove(match.status, to));
      if (stuck.length > 0) {
        const detail = stuck.map((match) => `${match.id} is ${match.status} (can go to: ${allowedNextStatuses(match.status).join(', ') || 'nothing'})`);
        throw new DomainException('conflict', `Cannot move to ${to}; nothing was changed: ${detail.join('; ')}`);
      }
      const matches = ids.map((id) => locked.get(id)!);
      await this.matches.applyStatusChanges(
        matches.map((match) => ({ match, to, note: decision.note ?? null, actor })),
        tx,
      );
      // The introduction mails commit with the decision, or not at all.
      if (to === 'introduced') {
        for (const match of matches) await this.introductions.add(match, decision.note ?? null, tx);
        await this.followUps.scheduleFirst(ids, tx);
      }
      if (to === 'collaborating') await this.followUps.scheduleLong(ids, tx);
      if (to === 'collaborating') {
        for (const match of matches) await this.connections.ensure(match.partnerAId, match.partnerBId, decision.note ?? 'Samenwerking na introductie', tx);
      }
      // Open introductions count against a profile's maxOpenIntroductions, so entering or leaving `introduced` is a change too.
      const countsOpen = (from: string) => from === 'introduced' || to === 'introduced';
      const affected = matches.filter((match) => changesLists(match.status, to) || countsOpen(match.status)).flatMap((match) => [match.partnerAId, match.partnerBId]);
      await recompute([...new Set(affected)], 'match-decision');
      return matches;
    });
    if (to === 'introduced') this.introductions.sendSoon();
    return Promise.all(changed.map((match) => this.get(match.id)));
  }
}
