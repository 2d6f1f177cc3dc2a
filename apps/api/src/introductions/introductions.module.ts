import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { IntroductionsController } from './introductions.controller';
import { IntroductionsService } from './introductions.service';

@Module({ imports: [PartnersModule], controllers: [IntroductionsController], providers: [IntroductionsService] })
export class IntroductionsModule {}
