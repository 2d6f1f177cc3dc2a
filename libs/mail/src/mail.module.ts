import { DynamicModule, Global, Module } from '@nestjs/common';
import { MailJobHandler } from '@app/queue';
import { IntroductionMailsService } from './introductions.service';
import { MailOutboxService } from './mail-outbox.service';
import { MAIL_RELAY_ENABLED, MailRelayService } from './mail-relay.service';
import { MailSender } from './mail-sender';
import { MailTokens } from './mail-tokens';
import { SendMailService } from './send-mail.service';

/**
 * Mail: the outbox writer and the link tokens for everyone; the send-mail job handler for the
 * processes that run jobs; the relay from outbox to queue where `relay` is set (the API).
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(options: { relay: boolean }): DynamicModule {
    return {
      module: MailModule,
      providers: [
        MailTokens,
        MailOutboxService,
        IntroductionMailsService,
        MailRelayService,
        MailSender,
        SendMailService,
        { provide: MailJobHandler, useExisting: SendMailService },
        { provide: MAIL_RELAY_ENABLED, useValue: options.relay },
      ],
      exports: [MailTokens, MailOutboxService, IntroductionMailsService, MailRelayService, MailJobHandler],
    };
  }
}
