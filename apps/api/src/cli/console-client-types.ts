import type { OpenAPIObject } from '@nestjs/swagger';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the console keeps the API's document and the types generated from it (both committed). */
export const CLIENT_TYPES_DIR = 'apps/console/src/api';
export const OPENAPI_FILE = 'openapi.json';
export const SCHEMA_TYPES_FILE = 'schema.d.ts';

export function renderOpenApiJson(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * openapi-typescript's types (for openapi-fetch) of a document, through its CLI in a child
 * process: it is ESM with ESM dependencies, which jest's module loader cannot require. A dev
 * dependency, needed only when emitting or testing.
 */
export function renderSchemaTypes(document: OpenAPIObject): string {
  const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
  const work = mkdtempSync(join(tmpdir(), 'pm-openapi-'));
  try {
    writeFileSync(join(work, OPENAPI_FILE), renderOpenApiJson(document));
    execFileSync(process.execPath, [cli, join(work, OPENAPI_FILE), '--output', join(work, SCHEMA_TYPES_FILE)], { stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(join(work, SCHEMA_TYPES_FILE), 'utf8');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
