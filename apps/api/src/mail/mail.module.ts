import { Module } from '@nestjs/common';
import { DevMailboxController } from './dev-mailbox.controller';
import { MailLinksService } from './mail-links.service';
import { UnsubscribeController } from './mail-links.controller';

/** The API's side of mail: the dev mailbox and the pages the links in mails lead to. */
@Module({ controllers: [DevMailboxController, UnsubscribeController], providers: [MailLinksService], exports: [MailLinksService] })
export class MailApiModule {}
