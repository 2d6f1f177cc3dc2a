import { Module } from '@nestjs/common';
import { ImpressionsModule } from '../impressions/impressions.module';
import { ListCacheModule } from '../list-cache/list-cache.module';
import { PartnersModule } from '../partners/partners.module';
import { FeedbackService } from './feedback.service';
import { FilteredSuggestionsService } from './filtered-suggestions.service';
import { SuggestionsController } from './suggestions.controller';
import { SuggestionsService } from './suggestions.service';

@Module({
  imports: [PartnersModule, ListCacheModule, ImpressionsModule],
  controllers: [SuggestionsController],
  providers: [SuggestionsService, FeedbackService, FilteredSuggestionsService],
  exports: [SuggestionsService],
})
/** Reading partners' lists and their feedback on them. */
export class SuggestionsModule {}
