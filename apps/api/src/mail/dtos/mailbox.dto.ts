import { ApiProperty } from '@nestjs/swagger';
import { MAIL_KINDS, type MailKind, type MailOutboxEntity } from '@app/persistence';

export class MailboxItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MAIL_KINDS })
  kind: MailKind;

  /** The recipient as the mail names it: `"Name" <address>`. */
  to: string;

  subject: string;

  /** `<uuid@host>`, the same on every delivery attempt. */
  messageId: string;

  createdAt: Date;

  /** When an SMTP server accepted it; null in the dev mailbox and while it waits. */
  @ApiProperty({ type: Date, nullable: true })
  sentAt: Date | null;

  static from(mail: MailOutboxEntity): MailboxItemDto {
    return { id: mail.id, kind: mail.kind, to: mail.toAddress, subject: mail.subject, messageId: mail.messageId, createdAt: mail.createdAt, sentAt: mail.sentAt };
  }
}

export class MailboxListDto {
  @ApiProperty({ type: [MailboxItemDto] })
  items: MailboxItemDto[];

  total: number;
}

export class MailboxMailDto extends MailboxItemDto {
  /** The plain-text part. */
  text: string;

  /** The HTML part (a whole document; show it in a sandboxed frame). */
  html: string;

  /** Extra headers, e.g. List-Unsubscribe. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  headers: Record<string, string>;

  static fromMail(mail: MailOutboxEntity): MailboxMailDto {
    return { ...MailboxItemDto.from(mail), text: mail.textBody, html: mail.htmlBody, headers: mail.headers };
  }
}
