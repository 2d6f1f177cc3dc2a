import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { KeyThrottlerGuard } from '../rate-limit/key-throttler.guard';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { SignInModule } from '../sign-in/sign-in.module';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyGuard } from './api-key.guard';
import { BootstrapAdminKey } from './bootstrap-admin-key';
import { ConsoleSessionController } from './console-session.controller';
import { ConsoleSessionsService } from './console-sessions.service';
import { PortalCorsMiddleware } from './portal-cors.middleware';

/**
 * Who may call what: the key guard first (it names the caller, by bearer key or console
 * session), then the per-key rate limit, which counts by that name.
 */
@Module({
  imports: [RateLimitModule, SignInModule],
  controllers: [ConsoleSessionController],
  providers: [
    ApiKeyAuthenticator,
    ConsoleSessionsService,
    BootstrapAdminKey,
    PortalCorsMiddleware,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
  ],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PortalCorsMiddleware).forRoutes({ path: 'v1/embed/{*path}', method: RequestMethod.ALL });
  }
}
