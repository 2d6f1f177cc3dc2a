import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { EmbedController } from './embed.controller';
import { EmbedService } from './embed.service';
import { EmbedWidgetController } from './embed-widget.controller';

@Module({ imports: [PartnersModule], controllers: [EmbedController, EmbedWidgetController], providers: [EmbedService] })
export class EmbedModule {}
