import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** `/health/live` and `/health/ready`, served by the API and, on WORKER_HEALTH_PORT, the worker. */
@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
