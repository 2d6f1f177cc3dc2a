import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedbackEntity, type FeedbackVerdict } from '../entities/feedback.entity';

@Injectable()
export class FeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a partner's answer about a candidate; a later answer replaces the earlier one. */
  async record(partnerId: string, candidateId: string, verdict: FeedbackVerdict, reason: string | null): Promise<FeedbackEntity> {
    await this.dataSource.manager.upsert(FeedbackEntity, { partnerId, candidateId, verdict, reason, updatedAt: new Date() }, ['partnerId', 'candidateId']);
    return (await this.answer(partnerId, candidateId))!;
  }

  answer(partnerId: string, candidateId: string): Promise<FeedbackEntity | null> {
    return this.dataSource.manager.findOneBy(FeedbackEntity, { partnerId, candidateId });
  }

  /** Every partner's latest answer about every candidate: what the suggested weights learn from. */
  allVerdicts(): Promise<Pick<FeedbackEntity, 'partnerId' | 'candidateId' | 'verdict'>[]> {
    return this.dataSource.manager.find(FeedbackEntity, { select: { partnerId: true, candidateId: true, verdict: true } });
  }

  /** Answers the partner gave and answers others gave about it. */
  involving(partnerId: string): Promise<FeedbackEntity[]> {
    return this.dataSource.manager.find(FeedbackEntity, { where: [{ partnerId }, { candidateId: partnerId }], order: { updatedAt: 'ASC' } });
  }
}
