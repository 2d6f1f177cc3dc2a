import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfigModule } from '@app/config';
import { DemoDataModule } from '@app/demo-data';
import { PersistenceModule } from '@app/persistence';
import { ConnectionsModule } from './connections/connections.module';
import { PartnersModule } from './partners/partners.module';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

@Module({
  imports: [AppConfigModule, PersistenceModule, DemoDataModule, TaxonomyModule, PartnersModule, ConnectionsModule],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class ApiModule {}
