import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { DevMailboxController } from './dev-mailbox.controller';
import { DevMailboxService } from './dev-mailbox.service';
import { MailAnswersController } from './mail-answers.controller';
import { MailAnswersService } from './mail-answers.service';
import { MailLinksService } from './mail-links.service';
import { UnsubscribeController } from './mail-links.controller';

/** The API's side of mail: the dev mailbox and the pages the links in mails lead to. */
@Module({
  imports: [MatchesModule],
  controllers: [DevMailboxController, UnsubscribeController, MailAnswersController],
  providers: [DevMailboxService, MailLinksService, MailAnswersService],
})
export class MailApiModule {}
