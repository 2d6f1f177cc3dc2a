import { Injectable, Logger } from '@nestjs/common';
import { MatchingJobProducer, type PartnerChangeReason } from '@app/queue';

/** Tells the matching jobs that partners changed, so their lists and the lists they are in get repaired. */
@Injectable()
export class PartnerChangesService {
  private readonly logger = new Logger(PartnerChangesService.name);

  constructor(private readonly producer: MatchingJobProducer) {}

  async changed(partnerIds: string[], reason: PartnerChangeReason): Promise<void> {
    for (const partnerId of partnerIds) {
      try {
        await this.producer.enqueue({ name: 'partner-changed', data: { partnerId, reason } });
      } catch (error) {
        // The change itself is saved; the next full run brings the lists up to date.
        this.logger.warn(`Could not enqueue the recompute for partner ${partnerId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
