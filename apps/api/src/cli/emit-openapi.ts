// `npm run openapi`: writes the API's OpenAPI document and the console's client types
// (apps/console/src/api/openapi.json and schema.d.ts) without a server, database or Redis.
// It runs from the built app because the swagger CLI plugin adds the DTOs' schemas at build.
import { NestFactory } from '@nestjs/core';
import { buildAppConfig } from '@app/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLIENT_TYPES_DIR, OPENAPI_FILE, renderOpenApiJson, renderSchemaTypes, SCHEMA_TYPES_FILE } from './console-client-types';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: CLIENT_TYPES_DIR } } });
  // The routes do not depend on these; unset, nothing at module load reaches for Redis.
  delete process.env.REDIS_URL;
  const { ApiModule } = require('../api.module') as typeof import('../api.module');
  const { createOpenApiDocument } = require('../api.setup') as typeof import('../api.setup');
  // Preview: modules and controllers are scanned, no provider is created, so no connection is made.
  const app = await NestFactory.create(ApiModule.forRoot(buildAppConfig(process.env)), { preview: true, logger: false });
  const document = createOpenApiDocument(app);
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, OPENAPI_FILE), renderOpenApiJson(document));
  writeFileSync(join(values.out!, SCHEMA_TYPES_FILE), renderSchemaTypes(document));
  console.log(`Wrote ${join(values.out!, OPENAPI_FILE)} and ${join(values.out!, SCHEMA_TYPES_FILE)} (${Object.keys(document.paths).length} paths)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
