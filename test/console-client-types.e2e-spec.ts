import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_TYPES_DIR, OPENAPI_FILE, renderOpenApiJson, renderSchemaTypes, SCHEMA_TYPES_FILE } from '../apps/api/src/cli/console-client-types';
import { startTestApp, type TestApp } from './support/test-app';

const STALE = 'is stale: run `npm run openapi` and commit apps/console/src/api';

/** The console's client is generated from the API's document; an API change must regenerate it, or this fails. */
describe("the console's generated client types", () => {
  let api: TestApp;
  const committed = (file: string) => readFileSync(join(__dirname, '..', CLIENT_TYPES_DIR, file), 'utf8');

  beforeAll(async () => {
    api = await startTestApp('client_types');
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it(`${OPENAPI_FILE} is the document /docs-json serves`, async () => {
    const { body } = await api.http().get('/docs-json').expect(200);
    const fresh = renderOpenApiJson(body);
    if (fresh !== committed(OPENAPI_FILE)) {
      expect({ file: `${CLIENT_TYPES_DIR}/${OPENAPI_FILE} ${STALE}`, document: JSON.parse(committed(OPENAPI_FILE)) }).toEqual({ file: 'up to date', document: body });
    }
  });

  it(`${SCHEMA_TYPES_FILE} is what openapi-typescript makes of that document`, async () => {
    const { body } = await api.http().get('/docs-json').expect(200);
    const fresh = renderSchemaTypes(body);
    expect(fresh.length).toBeGreaterThan(10_000);
    if (fresh !== committed(SCHEMA_TYPES_FILE)) throw new Error(`${CLIENT_TYPES_DIR}/${SCHEMA_TYPES_FILE} ${STALE}`);
  });
});
