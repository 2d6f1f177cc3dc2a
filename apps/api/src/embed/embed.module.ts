import { Module } from '@nestjs/common';
import { ImpressionsModule } from '../impressions/impressions.module';
import { ListCacheModule } from '../list-cache/list-cache.module';
import { PartnersModule } from '../partners/partners.module';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { EmbedController } from './embed.controller';
import { EmbedService } from './embed.service';
import { EmbedWidgetController } from './embed-widget.controller';

@Module({ imports: [PartnersModule, ListCacheModule, SuggestionsModule, ImpressionsModule], controllers: [EmbedController, EmbedWidgetController], providers: [EmbedService] })
export class EmbedModule {}
