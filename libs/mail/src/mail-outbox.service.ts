import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { appConfig, type AppConfig, type MailConfig } from '@app/config';
import { MailOutboxRepository, type MailKind, type PersonEntity } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { MailComposer } from './mail-composer';
import { MailRelayService } from './mail-relay.service';
import { MailTokens } from './mail-tokens';
import type { MailTemplate } from './templates/mail-template';

export type Recipient = Pick<PersonEntity, 'id' | 'email' | 'name' | 'language'>;

export interface OutgoingMail<Data extends object> {
  kind: MailKind;
  to: Recipient;
  template: MailTemplate<Data>;
  data: Data;
  /** Mails to partner contacts carry an unsubscribe link and the RFC 8058 headers. */
  partner?: { name: string; unsubscribe: 'digest' | 'follow-ups' | 'all' };
}

/**
 * Writes mails into the outbox in the caller's transaction, rendered there: they are sent if
 * and only if the change that caused them commits. Call `sendSoon()` after the commit.
 */
@Injectable()
export class MailOutboxService {
  private readonly logger = new Logger('Mail');
  private readonly composer = new MailComposer();
  private readonly config: MailConfig;
  private readonly messageIdHost: string;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly outbox: MailOutboxRepository,
    private readonly tokens: MailTokens,
    private readonly relay: MailRelayService,
  ) {
    this.config = config.mail;
    this.messageIdHost = new URL(config.mail.publicUrl).hostname || 'partnermatch.local';
  }

  /** Whether mails stay in the database (no SMTP_URL): the dev mailbox. */
  get keepsMail(): boolean {
    return this.config.smtpUrl === null;
  }

  /** A link to this path of the service, as people reach it (PUBLIC_URL). */
  link(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.config.publicUrl}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  async add<Data extends object>(mail: OutgoingMail<Data>, tx: EntityManager): Promise<string> {
    const headers: Record<string, string> = {};
    let frame = { language: mail.to.language } as { language: typeof mail.to.language; unsubscribeUrl?: string; partnerName?: string };
    if (mail.partner) {
      const token = this.tokens.sign({ purpose: 'unsubscribe', personId: mail.to.id, what: mail.partner.unsubscribe });
      const oneClick = this.link('/v1/mail/unsubscribe', { token });
      headers['List-Unsubscribe'] = `<${oneClick}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      frame = { ...frame, unsubscribeUrl: oneClick, partnerName: mail.partner.name };
    }
    const rendered = this.composer.render(mail.template, mail.data, frame);
    return this.outbox.add(
      {
        messageId: `<${randomUUID()}@${this.messageIdHost}>`,
        kind: mail.kind,
        personId: mail.to.id,
        toAddress: mail.to.name ? `"${mail.to.name.replace(/["\\\r\n]/g, '')}" <${mail.to.email}>` : mail.to.email,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        headers,
        transport: this.keepsMail ? 'mailbox' : 'smtp',
      },
      tx,
    );
  }

  /** After the commit of mails added in this process: send them now rather than at the next poll. */
  sendSoon(): void {
    if (!this.keepsMail) this.relay.wake();
  }

  /** Without SMTP, the embedded default prints what a user would otherwise have to find in the dev mailbox. */
  print(line: string): void {
    if (this.keepsMail) this.logger.log(line);
  }
}
