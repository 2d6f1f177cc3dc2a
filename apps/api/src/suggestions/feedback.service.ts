import { Injectable } from '@nestjs/common';
import { FeedbackRepository, MatchRepository } from '@app/persistence';
import { PartnersService } from '../partners/partners.service';
import { DomainException } from '../problems/domain.exception';
import { FeedbackDto, type GiveFeedbackDto } from './dtos/feedback.dto';

@Injectable()
export class FeedbackService {
  constructor(
    private readonly partners: PartnersService,
    private readonly matches: MatchRepository,
    private readonly feedback: FeedbackRepository,
  ) {}

  /** Records a partner's answer on a candidate that was suggested to it. */
  async give(idOrSlug: string, candidateIdOrSlug: string, body: GiveFeedbackDto): Promise<FeedbackDto> {
    const partner = await this.partners.get(idOrSlug);
    const candidate = await this.partners.get(candidateIdOrSlug);
    if (!(await this.matches.findPair(partner.id, candidate.id))) {
      throw new DomainException('not-found', `"${candidate.slug}" has not been suggested to "${partner.slug}"`, [
        { field: 'candidateIdOrSlug', message: 'not among the suggestions of this partner', value: candidateIdOrSlug },
      ]);
    }
    const answer = await this.feedback.record(partner.id, candidate.id, body.verdict, body.reason ?? null);
    const theirs = await this.feedback.answer(candidate.id, partner.id);
    return FeedbackDto.from(partner, candidate, answer, answer.verdict === 'interested' && theirs?.verdict === 'interested');
  }
}
