import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { SuggestionsController } from './suggestions.controller';

@Module({ imports: [PartnersModule], controllers: [SuggestionsController] })
export class SuggestionsApiModule {}
