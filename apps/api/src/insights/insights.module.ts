import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';

/** How suggestions fare: the outcome funnel. */
@Module({ controllers: [InsightsController], providers: [InsightsService] })
export class InsightsModule {}
