import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { buildAppConfig } from '@app/config';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { bearer, TEST_ADMIN_API_KEY } from './api-keys';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  /** Requests with the bootstrap admin key. */
  http: () => ReturnType<typeof request.agent>;
  /** Requests with another key, or with none. */
  as: (key: string | null) => ReturnType<typeof request.agent>;
  database: TestDatabase;
  openApi: OpenAPIObject;
  close(): Promise<void>;
}

/**
 * The API module on its own PostgreSQL database, configured exactly as main.ts does: the
 * configuration is built from the environment once it is set.
 */
export async function startTestApp(label: string, options: { database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(label));
  process.env.DATABASE_URL = database.url;
  delete process.env.REDIS_URL;
  // Request lines would bury the test report (Nest's own errors still show); the logs are
  // tested on a built app in test/operations.e2e-spec.ts.
  process.env.LOG_LEVEL = 'silent';
  process.env.ADMIN_API_KEY = TEST_ADMIN_API_KEY;
  const { ApiModule } = require('../../apps/api/src/api.module') as typeof import('../../apps/api/src/api.module');
  const { configureApi } = require('../../apps/api/src/api.setup') as typeof import('../../apps/api/src/api.setup');
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(buildAppConfig(process.env))] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  const openApi = configureApi(app);
  await app.init();
  return {
    app,
    http: () => request.agent(app.getHttpServer()).set(bearer()),
    as: (key) => (key === null ? request.agent(app.getHttpServer()) : request.agent(app.getHttpServer()).set(bearer(key))),
    database,
    openApi,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
