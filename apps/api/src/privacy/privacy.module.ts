import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

@Module({ imports: [PartnersModule, SuggestionsModule], controllers: [PrivacyController], providers: [PrivacyService] })
export class PrivacyModule {}
