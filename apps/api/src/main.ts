import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { buildAppConfig } from '@app/config';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { configureApi } from './api.setup';

async function bootstrap(): Promise<void> {
  const config = buildAppConfig(process.env);
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApi(app);
  await app.listen(config.port, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  const database = config.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL from DATABASE_URL';
  new Logger('Partnermatch').log(`API on ${url} (${database}); OpenAPI at ${url}/docs; team console at ${url}/console/`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
