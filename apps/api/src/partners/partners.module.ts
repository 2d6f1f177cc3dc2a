import { Module } from '@nestjs/common';
import { PartnersController } from './partners.controller';
import { PartnerChangesService } from './partner-changes.service';
import { PartnerErasureService } from './partner-erasure.service';
import { PartnersService } from './partners.service';

@Module({ controllers: [PartnersController], providers: [PartnersService, PartnerChangesService, PartnerErasureService], exports: [PartnersService, PartnerChangesService] })
export class PartnersModule {}
