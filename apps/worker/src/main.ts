import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { appConfig, type AppConfig } from '@app/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(appConfig.KEY);
  if (config.database.kind !== 'postgres') throw new Error('DATABASE_URL must be set for the worker');
  new Logger('Partnermatch').log('Worker ready');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
