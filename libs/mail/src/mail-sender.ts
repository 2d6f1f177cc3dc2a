import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { appConfig, type AppConfig, type MailConfig } from '@app/config';
import type { ClaimedMail } from '@app/persistence';

/** Delivers one mail over SMTP (nodemailer); resolves once the server accepted it (250 after DATA). */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly config: MailConfig;
  private transport: Transporter | null = null;

  constructor(@Inject(appConfig.KEY) config: AppConfig) {
    this.config = config.mail;
  }

  async send(mail: ClaimedMail): Promise<void> {
    const timeout = this.config.sendTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`SMTP did not accept the mail within ${timeout} ms`)), timeout);
    });
    try {
      await Promise.race([
        this.smtp().sendMail({
          from: this.config.from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody,
          messageId: mail.messageId,
          headers: mail.headers,
        }),
        overdue,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private smtp(): Transporter {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL is not set');
    // A third of the whole delivery's time for each phase: connecting, the greeting, an idle socket.
    const phase = Math.max(Math.floor(this.config.sendTimeoutMs / 3), 200);
    this.transport ??= createTransport({ url: this.config.smtpUrl, connectionTimeout: phase, greetingTimeout: phase, socketTimeout: phase } as never);
    return this.transport;
  }
}
