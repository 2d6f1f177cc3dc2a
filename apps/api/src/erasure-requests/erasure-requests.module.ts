import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { ErasureRequestRepository } from './erasure-request.repository';
import { ErasureRequestsController } from './erasure-requests.controller';
import { ErasureRequestsService } from './erasure-requests.service';

@Module({ imports: [PartnersModule], controllers: [ErasureRequestsController], providers: [ErasureRequestsService, ErasureRequestRepository] })
export class ErasureRequestsModule {}
