import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildAppConfig, type AppConfig } from '@app/config';
import { Logger as PinoLogger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker only makes sense next to the production services; say which one is missing. */
function assertProductionServices(): AppConfig {
  const config = buildAppConfig(process.env);
  if (config.database.kind !== 'postgres') throw new Error('DATABASE_URL must be set for the worker (it writes the shared suggestion lists)');
  if (!config.redisUrl) throw new Error('REDIS_URL must be set for the worker (it runs the production job queue)');
  return config;
}

async function bootstrap(): Promise<void> {
  const config = assertProductionServices();
  const { workerHealthPort } = config;
  // An HTTP server only for the health probes; without a port the worker listens on nothing.
  const http = workerHealthPort ? await NestFactory.create(WorkerModule.forRoot(config), { bufferLogs: true }) : null;
  const app = http ?? (await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true }));
  app.useLogger(app.get(PinoLogger));
  // On SIGTERM the worker finishes the jobs it holds (MatchingProcessor), then exits with code 0.
  app.enableShutdownHooks([], { useProcessExit: true });
  await http?.listen(workerHealthPort!, '0.0.0.0');
  new Logger('Partnermatch').log(workerHealthPort ? `Worker ready; health on port ${workerHealthPort}` : 'Worker ready');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
