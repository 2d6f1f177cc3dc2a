import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { ErasureRequestsController } from './erasure-requests.controller';
import { ErasureRequestsService } from './erasure-requests.service';

@Module({ imports: [PartnersModule], controllers: [ErasureRequestsController], providers: [ErasureRequestsService] })
export class ErasureRequestsModule {}
