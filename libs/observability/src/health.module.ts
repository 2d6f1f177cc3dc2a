import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { RedisHealthService } from './redis-health.service';

/**
 * `/health/live` and `/health/ready`, served by the API and, on WORKER_HEALTH_PORT, the worker.
 * Terminus logs a failed check through Nest's Logger, which main.ts hands to pino: one JSON
 * line naming the dependency, not the boxed console output of its pretty style.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthService],
})
export class HealthModule {}
