import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PartnersModule } from '../partners/partners.module';
import { FeedbackService } from './feedback.service';
import { OwnWritesInterceptor } from './own-writes.interceptor';
import { SuggestionListCache } from './suggestion-list-cache';
import { SuggestionsController } from './suggestions.controller';

@Module({
  imports: [PartnersModule],
  controllers: [SuggestionsController],
  // Global: every write route of the API, not only this module's, can change a list.
  providers: [FeedbackService, SuggestionListCache, { provide: APP_INTERCEPTOR, useClass: OwnWritesInterceptor }],
})
export class SuggestionsApiModule {}
