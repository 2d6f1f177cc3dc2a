import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { PaginationQueryDto } from '../common/pagination-query.dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import { DevMailboxService } from './dev-mailbox.service';
import { MailboxListDto, MailboxMailDto } from './dtos/mailbox.dto';

/**
 * The dev mailbox of the embedded default: without SMTP_URL every mail stays in the database
 * and admins read it here (and in the console), sign-in links included. With SMTP_URL set
 * these routes answer 404: mails then belong to their recipients' inboxes.
 */
@ApiTags('mail')
@Roles('admin')
@Controller('v1/dev/mailbox')
export class DevMailboxController {
  constructor(private readonly mailbox: DevMailboxService) {}

  /** The newest mails first. */
  @Get()
  @ApiOkResponse({ type: MailboxListDto })
  @ApiProblems(400, 404)
  list(@Query() query: PaginationQueryDto): Promise<MailboxListDto> {
    return this.mailbox.list(query.limit, query.offset);
  }

  /** One mail with its text and HTML parts. */
  @Get(':id')
  @ApiOkResponse({ type: MailboxMailDto })
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<MailboxMailDto> {
    return this.mailbox.get(id);
  }
}
