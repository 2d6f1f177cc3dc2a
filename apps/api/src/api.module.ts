import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfigModule, type AppConfig } from '@app/config';
import { DemoDataModule } from '@app/demo-data';
import { HealthModule, LoggingModule } from '@app/observability';
import { PersistenceModule } from '@app/persistence';
import { MailModule } from '@app/mail';
import { QueueModule } from '@app/queue';
import { MatchingPipelineModule } from '@app/suggestions';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { ConnectionsModule } from './connections/connections.module';
import { ConsoleStaticModule } from './console/console-static.module';
import { EmbedModule } from './embed/embed.module';
import { ErasureRequestsModule } from './erasure-requests/erasure-requests.module';
import { InsightsModule } from './insights/insights.module';
import { IntroductionsModule } from './introductions/introductions.module';
import { MeModule } from './me/me.module';
import { GemeentenModule } from './gemeenten/gemeenten.module';
import { MailApiModule } from './mail/mail.module';
import { MatchesModule } from './matches/matches.module';
import { MatchingProfileModule } from './matching-profile/matching-profile.module';
import { MatchingRunsModule } from './matching-runs/matching-runs.module';
import { MetricsModule } from './metrics/metrics.module';
import { PartnersModule } from './partners/partners.module';
import { PeopleModule } from './people/people.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { SuggestionsModule } from './suggestions/suggestions.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

@Module({ providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
export class ApiModule {
  /** The configuration decides part of the wiring (BullMQ or in-process jobs, the dashboard). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule,
        PersistenceModule,
        QueueModule.forRoot(config),
        // The embedded default (no REDIS_URL) has no worker: its API runs the mail schedules.
        MailModule.forRoot({ relay: true, schedules: !config.redisUrl }),
        MatchingPipelineModule.forRoot(config, { processJobs: false }),
        DemoDataModule,
        AuthModule,
        ApiKeysModule,
        TaxonomyModule,
        PartnersModule,
        PeopleModule,
        ConnectionsModule,
        SuggestionsModule,
        MatchingRunsModule,
        GemeentenModule,
        MatchingProfileModule,
        MatchesModule,
        MailApiModule,
        EmbedModule,
        PrivacyModule,
        IntroductionsModule,
        InsightsModule,
        ErasureRequestsModule,
        MeModule,
        QueueDashboardModule.forRoot(config),
        HealthModule,
        MetricsModule,
        ConsoleStaticModule,
      ],
    };
  }
}
