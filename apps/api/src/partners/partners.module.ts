import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { PartnersController } from './partners.controller';
import { PartnersCsvController } from './partners-csv.controller';
import { PartnersCsvService } from './partners-csv.service';
import { PartnerChangesService } from './partner-changes.service';
import { PartnerErasureService } from './partner-erasure.service';
import { PartnersService } from './partners.service';

// The CSV routes come first: GET export.csv would otherwise match GET :idOrSlug.
@Module({
  imports: [OutboxModule],
  controllers: [PartnersCsvController, PartnersController],
  providers: [PartnersService, PartnersCsvService, PartnerChangesService, PartnerErasureService],
  exports: [PartnersService, PartnerChangesService],
})
export class PartnersModule {}
