import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildAppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

/** The worker only makes sense next to the production services; say which one is missing. */
function assertProductionServices(): void {
  const config = buildAppConfig(process.env);
  if (config.database.kind !== 'postgres') throw new Error('DATABASE_URL must be set for the worker (it writes the shared suggestion lists)');
  if (!config.redisUrl) throw new Error('REDIS_URL must be set for the worker (it runs the production job queue)');
}

async function bootstrap(): Promise<void> {
  assertProductionServices();
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  new Logger('Partnermatch').log('Worker ready');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
