import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@app/errors';
import { MailOutboxService } from '@app/mail';
import { MailOutboxRepository } from '@app/persistence';
import { Roles } from '../auth/access.decorators';
import { PaginationQueryDto } from '../common/pagination-query.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import { MailboxItemDto, MailboxListDto, MailboxMailDto } from './dtos/mailbox.dto';

/**
 * The dev mailbox of the embedded default: without SMTP_URL every mail stays in the database
 * and admins read it here (and in the console), sign-in links included. With SMTP_URL set
 * these routes answer 404: mails then belong to their recipients' inboxes.
 */
@ApiTags('mail')
@Roles('admin')
@Controller('v1/dev/mailbox')
export class DevMailboxController {
  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly mail: MailOutboxService,
  ) {}

  /** The newest mails first. */
  @Get()
  @ApiOkResponse({ type: MailboxListDto })
  @ApiProblems(400, 404)
  async list(@Query() query: PaginationQueryDto): Promise<MailboxListDto> {
    this.assertOpen();
    const [mails, total] = await this.outbox.list(query.limit, query.offset);
    return { items: mails.map((mail) => MailboxItemDto.from(mail)), total };
  }

  /** One mail with its text and HTML parts. */
  @Get(':id')
  @ApiOkResponse({ type: MailboxMailDto })
  @ApiProblems(404)
  async get(@Param('id') id: string): Promise<MailboxMailDto> {
    this.assertOpen();
    const mail = await this.outbox.findById(id);
    if (!mail) throw DomainException.notFound('Mail', id);
    return MailboxMailDto.fromMail(mail);
  }

  private assertOpen(): void {
    if (!this.mail.keepsMail) throw new DomainException('not-found', 'The dev mailbox exists only without SMTP_URL: mails are sent to their recipients');
  }
}
