import { Module } from '@nestjs/common';
import { ListCacheModule } from '../list-cache/list-cache.module';
import { PartnersModule } from '../partners/partners.module';
import { FeedbackService } from './feedback.service';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';

@Module({
  imports: [PartnersModule, ListCacheModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService, FeedbackService],
  exports: [SuggestionsService],
})
/** Reading partners' lists and their feedback on them. */
export class SuggestionsModule {}
