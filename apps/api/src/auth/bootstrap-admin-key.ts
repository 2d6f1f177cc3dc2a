import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { ApiKeyRepository } from '@app/persistence';
import { generateApiKey, hashApiKey, keyPrefix } from './api-key-secret';

/**
 * Someone must be able to create the first keys. ADMIN_API_KEY does that in production;
 * the embedded default, started by one command with no setup, makes an admin key at first
 * start and prints it once.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(appConfig.KEY) private readonly config: AppConfig,
    private readonly keys: ApiKeyRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.adminApiKey || (await this.keys.countByRole('admin')) > 0) return;
    if (this.config.database.kind !== 'embedded') {
      this.logger.warn('No admin key exists and ADMIN_API_KEY is not set: every /v1 route will answer 401. Set ADMIN_API_KEY.');
      return;
    }
    const key = generateApiKey();
    // The name is what the console shows and the audit trail records for this key's decisions.
    await this.keys.create({ name: 'Admin (generated at first start)', role: 'admin', partnerId: null, allowedOrigins: [], keyHash: hashApiKey(key), keyPrefix: keyPrefix(key) });
    this.logger.warn(
      `Generated an admin API key, shown this once: ${key} — send it as "Authorization: Bearer ${key}". ` +
        'Create team, partner and portal keys with POST /v1/api-keys. Lost it? Start with ADMIN_API_KEY=<a key of your choice>.',
    );
    // Someone at a terminal would hardly spot it among the JSON start-up lines.
    if (process.stderr.isTTY) process.stderr.write(`\n  Admin API key (shown once): ${key}\n  curl -H "Authorization: Bearer ${key}" localhost:${this.config.port}/v1/partners\n\n`);
  }
}
