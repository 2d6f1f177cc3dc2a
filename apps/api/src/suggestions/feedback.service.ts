import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import { FeedbackRepository, MatchRepository } from '@app/persistence';
import { PartnersService } from '../partners/partners.service';
import { FeedbackDto, type GiveFeedbackDto } from './dtos/feedback.dto';
import type { SuggestionView } from './dtos/list-suggestions-query.dto';
import { visibleStatuses } from './visible-statuses';

@Injectable()
export class FeedbackService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly partners: PartnersService,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
  ) {}

  /**
   * Records a partner's answer on a candidate that was suggested to it. From the partner view
   * (a partner key) only on a pair that view shows: a pending pair it has not seen answers the
   * same 404 as a partner never suggested, so answers cannot probe the hidden list. The team
   * view answers on any pair the matching suggested.
   */
  async give(idOrSlug: string, candidateIdOrSlug: string, body: GiveFeedbackDto, view: SuggestionView): Promise<FeedbackDto> {
    const partner = await this.partners.get(idOrSlug);
    const candidate = await this.partners.get(candidateIdOrSlug);
    const purpose = body.purpose ?? 'samenwerken';
    const pair = await this.matches.findPair(partner.id, candidate.id, purpose);
    const seen = pair !== null && (view === 'team' || visibleStatuses('partner', this.config.reviewRequired).includes(pair.status));
    if (!seen) {
      throw new DomainException('not-found', `"${candidate.slug}" has not been suggested to "${partner.slug}" for ${purpose}`, [
        { field: 'candidateIdOrSlug', message: 'not among the suggestions of this partner', value: candidateIdOrSlug },
      ]);
    }
    const answer = await this.feedback.record(partner.id, candidate.id, body.verdict, body.reason ?? null, purpose);
    const theirs = await this.feedback.answer(candidate.id, partner.id, purpose);
    return FeedbackDto.from(partner, candidate, answer, answer.verdict === 'interested' && theirs?.verdict === 'interested');
  }
}
