import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appConfig, type AppConfig } from '@app/config';
import { EmbeddedPostgres } from './embedded/embedded-postgres';
import { EmbeddedPostgresModule } from './embedded/embedded-postgres.module';
import { ListChangeFeed } from './list-change-feed';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { ConnectionRepository } from './repositories/connection.repository';
import { ConsoleSessionRepository } from './repositories/console-session.repository';
import { ErasureRepository } from './repositories/erasure.repository';
import { ErasureRequestRepository } from './repositories/erasure-request.repository';
import { FeedbackRepository } from './repositories/feedback.repository';
import { FunnelRepository } from './repositories/funnel.repository';
import { ImpressionRepository } from './repositories/impression.repository';
import { MatchRepository } from './repositories/match.repository';
import { MatchingProfileRepository } from './repositories/matching-profile.repository';
import { MatchingRunRepository } from './repositories/matching-run.repository';
import { PartnerRepository } from './repositories/partner.repository';
import { PartnerChangeOutboxRepository } from './repositories/partner-change-outbox.repository';
import { PersonRepository } from './repositories/person.repository';
import { MailOutboxRepository } from './repositories/mail-outbox.repository';
import { SignInLinkRepository } from './repositories/sign-in-link.repository';
import { SuggestionRepository } from './repositories/suggestion.repository';
import { SeedRepository } from './repositories/seed.repository';
import { ENTITIES } from './entities';
import { postgresOptions } from './postgres-options';
import { Transactions } from './transactions';

const REPOSITORIES = [
  PartnerRepository,
  ConnectionRepository,
  SeedRepository,
  MatchingRunRepository,
  SuggestionRepository,
  MatchingProfileRepository,
  MatchRepository,
  FeedbackRepository,
  ImpressionRepository,
  FunnelRepository,
  ErasureRepository,
  ErasureRequestRepository,
  ApiKeyRepository,
  PartnerChangeOutboxRepository,
  PersonRepository,
  MailOutboxRepository,
  SignInLinkRepository,
  ConsoleSessionRepository,
];

/**
 * The database: PostgreSQL from DATABASE_URL, or the embedded PGlite when it is unset.
 * Migrations run at start-up either way.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [EmbeddedPostgresModule],
      inject: [appConfig.KEY, EmbeddedPostgres],
      useFactory: async (config: AppConfig, embedded: EmbeddedPostgres) => {
        if (config.database.kind === 'postgres') {
          return { ...postgresOptions(config.database.url), migrationsRun: true };
        }
        const url = await embedded.start(config.database.dataDir);
        return { ...postgresOptions(url), poolSize: 1, migrationsRun: true };
      },
    }),
    TypeOrmModule.forFeature(ENTITIES),
    EmbeddedPostgresModule,
  ],
  providers: [...REPOSITORIES, ListChangeFeed, Transactions],
  exports: [...REPOSITORIES, ListChangeFeed, Transactions],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly embedded: EmbeddedPostgres,
  ) {}

  /**
   * After the HTTP server has let its last request finish and the job handlers have drained
   * (both happen earlier in Nest's shutdown); the pool closes before the embedded server under it.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded.stop();
  }
}
