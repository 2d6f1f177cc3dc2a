import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackEntity, type FeedbackVerdict } from '../entities/feedback.entity';
import type { SuggestionPurpose } from '../entities/suggestion.entity';

@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a partner's answer about a candidate for a purpose; a later answer replaces the earlier one. */
  async record(partnerId: string, candidateId: string, verdict: FeedbackVerdict, reason: string | null, purpose: SuggestionPurpose = 'samenwerken'): Promise<FeedbackEntity> {
    await this.dataSource.manager.upsert(FeedbackEntity, { partnerId, candidateId, purpose, verdict, reason, updatedAt: new Date() }, ['partnerId', 'candidateId', 'purpose']);
    return (await this.answer(partnerId, candidateId, purpose))!;
  }

  answer(partnerId: string, candidateId: string, purpose: SuggestionPurpose = 'samenwerken'): Promise<FeedbackEntity | null> {
    return this.dataSource.manager.findOneBy(FeedbackEntity, { partnerId, candidateId, purpose });
  }

  /** Every partner's latest answer about every samenwerken candidate: what the suggested weights learn from. */
  allVerdicts(): Promise<Pick<FeedbackEntity, 'partnerId' | 'candidateId' | 'verdict'>[]> {
    return this.dataSource.manager.find(FeedbackEntity, { select: { partnerId: true, candidateId: true, verdict: true }, where: { purpose: 'samenwerken' } });
  }

  /** The partner's own answers for a purpose, by candidate id. */
  async verdictsOf(partnerId: string, purpose: SuggestionPurpose = 'samenwerken'): Promise<Map<string, FeedbackVerdict>> {
    const rows = await this.dataSource.manager.find(FeedbackEntity, { select: { candidateId: true, verdict: true }, where: { partnerId, purpose } });
    return new Map(rows.map((row) => [row.candidateId, row.verdict]));
  }

  /** Answers the partner gave and answers others gave about it. */
  involving(partnerId: string): Promise<FeedbackEntity[]> {
    return this.dataSource.manager.find(FeedbackEntity, { where: [{ partnerId }, { candidateId: partnerId }], order: { updatedAt: 'ASC' } });
  }
}
