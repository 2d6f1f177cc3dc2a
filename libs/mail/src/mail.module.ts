import { DynamicModule, Global, Module } from '@nestjs/common';
import { MailJobHandler } from '@app/queue';
import { DigestService } from './digest.service';
import { FollowUpsService } from './follow-ups.service';
import { IntroductionMailsService } from './introductions.service';
import { MailOutboxService } from './mail-outbox.service';
import { MAIL_RELAY_ENABLED, MailRelayService } from './mail-relay.service';
import { MAIL_SCHEDULES_ENABLED, MailSchedulesService } from './mail-schedules.service';
import { MailSender } from './mail-sender';
import { MailTokens } from './mail-tokens';
import { SendMailService } from './send-mail.service';

/**
 * Mail: the outbox writer, link tokens and partner mails for everyone; the send-mail job
 * handler for the processes that run jobs; the relay from outbox to queue where `relay` is
 * set (the API); the digest and follow-up schedules where `schedules` is set (the worker,
 * or the API of the embedded default).
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(options: { relay: boolean; schedules: boolean }): DynamicModule {
    return {
      module: MailModule,
      providers: [
        MailTokens,
        MailOutboxService,
        IntroductionMailsService,
        DigestService,
        FollowUpsService,
        MailSchedulesService,
        MailRelayService,
        MailSender,
        SendMailService,
        { provide: MailJobHandler, useExisting: SendMailService },
        { provide: MAIL_RELAY_ENABLED, useValue: options.relay },
        { provide: MAIL_SCHEDULES_ENABLED, useValue: options.schedules },
      ],
      exports: [MailTokens, MailOutboxService, IntroductionMailsService, DigestService, FollowUpsService, MailSchedulesService, MailRelayService, MailJobHandler],
    };
  }
}
