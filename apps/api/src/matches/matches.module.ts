import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';
import { ReviewsController } from './reviews.controller';

@Module({ imports: [PartnersModule], controllers: [ReviewsController, MatchesController], providers: [MatchesService], exports: [MatchesService] })
export class MatchesModule {}
