import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { MailOutboxRepository } from '@app/persistence';
import { MatchingJobProducer, RelayLoop } from '@app/queue';

/** Due mails looked up per pass. */
const BATCH_SIZE = 100;
/** Picks up mails of other processes, retries after their backoff, and leases left by a sender that died. */
export const MAIL_POLL_INTERVAL_MS = 1000;

/** Whether this process relays (the API) or only sends (the worker). */
export const MAIL_RELAY_ENABLED = 'MAIL_RELAY_ENABLED';

/**
 * Moves due mails of the outbox onto the queue as send-mail jobs, one per mail and attempt
 * (the job id carries the attempt, so a retry is a new job and a waiting one absorbs
 * duplicates). Runs in API processes, like the partner-change relay; with the queue down
 * the mails wait in the outbox.
 */
@Injectable()
export class MailRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  private readonly loop = new RelayLoop(() => this.relay(), () => MAIL_POLL_INTERVAL_MS);
  private readonly enabled: boolean;
  private failing = false;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly producer: MatchingJobProducer,
    @Inject(MAIL_RELAY_ENABLED) relays: boolean,
    @Inject(appConfig.KEY) config: AppConfig,
  ) {
    // Without SMTP every mail stays in the mailbox: nothing to relay, no query a second.
    this.enabled = relays && config.mail.smtpUrl !== null;
  }

  onApplicationBootstrap(): void {
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  wake(): void {
    if (this.enabled) this.loop.wake();
  }

  private async relay(): Promise<void> {
    try {
      const due = await this.outbox.due(BATCH_SIZE);
      for (const mail of due) await this.producer.enqueue({ name: 'send-mail', data: { mailId: mail.id, attempt: mail.attempts } });
      if (this.failing) this.logger.log('Mails reach the queue again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Mails wait in the outbox: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
  }
}
