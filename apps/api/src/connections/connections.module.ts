import { Module } from '@nestjs/common';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { PartnersModule } from '../partners/partners.module';

@Module({ imports: [PartnersModule], controllers: [ConnectionsController], providers: [ConnectionsService] })
export class ConnectionsModule {}
