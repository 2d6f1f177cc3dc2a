import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

@Module({ imports: [PartnersModule], controllers: [PrivacyController], providers: [PrivacyService] })
export class PrivacyModule {}
