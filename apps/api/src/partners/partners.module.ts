import { Module } from '@nestjs/common';
import { PartnersController } from './partners.controller';
import { PartnerChangesService } from './partner-changes.service';
import { PartnersService } from './partners.service';

@Module({ controllers: [PartnersController], providers: [PartnersService, PartnerChangesService], exports: [PartnersService, PartnerChangesService] })
export class PartnersModule {}
