import { Module } from '@nestjs/common';
import { ListCacheModule } from '../list-cache/list-cache.module';
import { PartnersModule } from '../partners/partners.module';
import { FeedbackService } from './feedback.service';
import { SuggestionsController } from './suggestions.controller';

@Module({ imports: [PartnersModule, ListCacheModule], controllers: [SuggestionsController], providers: [FeedbackService] })
export class SuggestionsApiModule {}
