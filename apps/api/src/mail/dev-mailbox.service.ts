import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/errors';
import { MailOutboxService } from '@app/mail';
import { MailOutboxRepository } from '@app/persistence';
import { MailboxItemDto, MailboxMailDto, type MailboxListDto } from './dtos/mailbox.dto';

/** The mails the embedded default keeps instead of sending (no SMTP_URL), for admins to read. */
@Injectable()
export class DevMailboxService {
  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly mail: MailOutboxService,
  ) {}

  async list(limit: number, offset: number): Promise<MailboxListDto> {
    this.assertOpen();
    const [mails, total] = await this.outbox.list(limit, offset);
    return { items: mails.map((mail) => MailboxItemDto.from(mail)), total };
  }

  async get(id: string): Promise<MailboxMailDto> {
    this.assertOpen();
    const mail = await this.outbox.findById(id);
    if (!mail) throw DomainException.notFound('Mail', id);
    return MailboxMailDto.fromMail(mail);
  }

  private assertOpen(): void {
    if (!this.mail.keepsMail) throw new DomainException('not-found', 'The dev mailbox exists only without SMTP_URL: mails are sent to their recipients');
  }
}
