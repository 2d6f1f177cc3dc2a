import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { SeedRepository } from '@app/persistence';
import { buildDemoData } from './demo-partners';

const SEED_MARKER = 'demo-data-seeded';

/** Seeds the demo partners on the first start of the embedded default, and never again. */
@Injectable()
export class DemoDataSeeder implements OnModuleInit {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly seeds: SeedRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'embedded' || !this.config.database.seedDemoData) return;
    const data = buildDemoData();
    if (await this.seeds.seedOnce(SEED_MARKER, data)) {
      this.logger.log(`Seeded ${data.partners.length} demo partners and ${data.connections.length} connections`);
    }
  }
}
