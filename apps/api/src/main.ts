import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { buildAppConfig } from '@app/config';
import { DataDirLock } from '@app/persistence';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { configureApi } from './api.setup';

async function bootstrap(): Promise<void> {
  // Before Nest starts, so a wrong setting or a data folder in use is one line, not a stack trace.
  const config = buildAppConfig(process.env);
  if (config.database.kind === 'embedded') DataDirLock.acquire(config.database.dataDir);
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApi(app);
  await app.listen(config.port, config.host);
  // Longer than clients and proxies keep an idle connection (undici 4 s, load balancers 60 s):
  // with Node's 5 s the server could close a socket just as a client reused it, and that
  // request failed with "other side closed" before it was read.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // On SIGTERM close() drops the idle connections at once; a connection whose request is
  // still in flight would otherwise be kept that long after its answer and hold up the exit.
  process.once('SIGTERM', () => {
    server.keepAliveTimeout = 1;
  });
  // What the socket really got: the port PORT=0 picked, the address HOST named.
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const reach = address === '0.0.0.0' || address === '::' ? ' on all interfaces' : '';
  const database = config.database.kind === 'embedded' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL from DATABASE_URL';
  new Logger('Partnermatch').log(`API on ${url}${reach} (${database}); OpenAPI at ${url}/docs; team console at ${url}/console/`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
