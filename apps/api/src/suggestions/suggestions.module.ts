import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { FeedbackService } from './feedback.service';
import { SuggestionsController } from './suggestions.controller';

@Module({ imports: [PartnersModule], controllers: [SuggestionsController], providers: [FeedbackService] })
export class SuggestionsApiModule {}
