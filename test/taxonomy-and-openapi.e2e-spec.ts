import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PROTECTED_ROUTES, PUBLIC_DOCUMENTED_ROUTES, type RouteAccess } from './support/route-access';
import { startTestApp, type TestApp } from './support/test-app';

describe('taxonomy API and OpenAPI document', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('taxonomy');
    // A Nest app with every module: well past jest's 5 s on a busy 2-core machine.
  }, 300_000);

  afterAll(async () => {
    await api.close();
  });

  it('serves the alliance lists with Dutch and English labels', async () => {
    const { body } = await api.http().get('/v1/taxonomy').expect(200);
    expect(body.leefdomeinen).toHaveLength(8);
    expect(body.opgaven).toHaveLength(10);
    expect(body.sectors).toHaveLength(8);
    expect(body.kennisbronnen).toHaveLength(3);
    expect(body.verandertheorie.map((term: { code: string }) => term.code)).toEqual(['verzachten', 'versterken', 'veranderen']);
    expect(body.provinces).toHaveLength(12);
    expect(body.gemeenten).toHaveLength(342);
    expect(body.opgaven.filter((opgave: { status: string }) => opgave.status === 'provisional')).toHaveLength(8);
    for (const term of [...body.leefdomeinen, ...body.opgaven, ...body.sectors, ...body.kennisbronnen]) {
      expect(term).toEqual(expect.objectContaining({ code: expect.any(String), nl: expect.any(String), en: expect.any(String) }));
    }
    for (const term of body.verandertheorie) {
      expect(term).toEqual({ code: expect.any(String), nl: expect.any(String), en: expect.any(String) });
    }
  });

  it.each([
    ['leefdomeinen', 8],
    ['opgaven', 10],
    ['sectors', 8],
    ['kennisbronnen', 3],
    ['verandertheorie', 3],
    ['provinces', 12],
    ['gemeenten', 342],
    ['gemeenten?province=PV27', 44],
    ['gemeenten?province=PV21', 18],
  ])('GET /v1/taxonomy/%s lists %i entries', async (path, count) => {
    const { body } = await api.http().get(`/v1/taxonomy/${path}`).expect(200);
    expect(body).toHaveLength(count);
  });

  it('looks up one gemeente with its centroid and neighbours', async () => {
    const { body } = await api.http().get('/v1/taxonomy/gemeenten/GM0392').expect(200);
    expect(body).toMatchObject({ code: 'GM0392', name: 'Haarlem', province: 'PV27' });
    expect(body.lat).toBeCloseTo(52.38, 1);
    expect(body.neighbours).toContain('GM0377');
    await api.http().get('/v1/taxonomy/gemeenten/GM9999').expect(404);
    await api.http().get('/v1/taxonomy/gemeenten?province=PV99').expect(400);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await api.http().get('/v1/bestaat-niet').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('sends security headers (helmet) on every response', async () => {
    const response = await api.http().get('/v1/taxonomy/sectors').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  describe('/docs-json', () => {
    const routes = PROTECTED_ROUTES.map(({ method, path }) => [method, path]);

    it('is a valid OpenAPI 3 document', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      expect(body.openapi).toMatch(/^3\./);
      await expect(SwaggerParser.validate(structuredClone(body))).resolves.toBeDefined();
    });

    it.each(routes)('documents %s %s with its success and problem responses', async (method, path) => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const operation = body.paths[path]?.[method];
      expect(operation).toBeDefined();
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
      expect(statuses).toContain('503');
      expect(operation.responses['503'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/ProblemDetailsDto');
    });

    it.each(PROTECTED_ROUTES.map((route) => [route.method, route.path, route]))(
      'documents %s %s as needing a key of its roles, with 401, 403 and 429',
      async (method, path, route) => {
        const { body } = await api.http().get('/docs-json').expect(200);
        const operation = body.paths[path as string][method as string];
        // Either a bearer key or the console's session cookie.
        expect(operation.security).toHaveLength(2);
        expect(operation.security).toEqual(expect.arrayContaining([{ 'api-key': [] }, { 'console-session': [] }]));
        expect([...operation['x-roles']].sort()).toEqual(['admin', ...(route as RouteAccess).roles].sort());
        for (const status of ['401', '403', '429']) expect(operation.responses[status].content['application/problem+json']).toBeDefined();
      },
    );

    it('documents the bearer scheme and leaves the probes open', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      expect(body.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(body.components.securitySchemes['console-session']).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pm_session' });
      for (const [method, path] of PUBLIC_DOCUMENTED_ROUTES) expect(body.paths[path][method].security).toBeUndefined();
    });

    it('names its server, and the key scheme is not a JWT', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      expect(body.servers).toEqual([expect.objectContaining({ url: '/' })]);
      expect(body.components.securitySchemes['api-key'].bearerFormat).not.toBe('JWT');
    });

    it('gives every operation a description and a tag defined at the top level', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const defined = new Set((body.tags ?? []).map((tag: { name: string; description?: string }) => tag.name));
      for (const tag of body.tags ?? []) expect({ tag: tag.name, description: tag.description }).toEqual({ tag: tag.name, description: expect.any(String) });
      const problems: string[] = [];
      for (const [path, operations] of Object.entries<Record<string, { description?: string; tags?: string[] }>>(body.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (!operation.description?.trim()) problems.push(`${method} ${path}: no description`);
          if (!operation.tags?.length) problems.push(`${method} ${path}: no tag`);
          for (const tag of operation.tags ?? []) if (!defined.has(tag)) problems.push(`${method} ${path}: tag "${tag}" not defined at the top level`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('lists Location as a response header of the routes that queue a run, not as a request header', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      for (const [method, path] of [['post', '/v1/matching/runs'], ['put', '/v1/matching/profile']]) {
        const operation = body.paths[path][method];
        expect((operation.parameters ?? []).filter((parameter: { in: string }) => parameter.in === 'header')).toEqual([]);
        expect(operation.responses['202'].headers.Location).toMatchObject({ schema: { type: 'string' } });
      }
    });

    it('has every example valid against its schema', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const document = (await SwaggerParser.dereference(structuredClone(body))) as unknown as Record<string, unknown>;
      // OpenAPI 3.0 schemas are JSON Schema plus nullable and annotations: Ajv knows nullable, strict: false skips the rest.
      const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true }));
      const failures: string[] = [];
      let checked = 0;
      const check = (where: string, schema: unknown, example: unknown) => {
        checked += 1;
        const { example: _own, ...rest } = schema as Record<string, unknown>;
        const validate = ajv.compile(rest);
        if (!validate(example)) failures.push(`${where}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
      };
      const seen = new Set<unknown>();
      const walk = (node: unknown, where: string) => {
        if (!node || typeof node !== 'object' || seen.has(node)) return;
        seen.add(node);
        const object = node as Record<string, unknown>;
        // A schema with its own example, and a parameter or media type with an example of its schema.
        if ('example' in object && ('type' in object || 'properties' in object || 'allOf' in object || 'enum' in object)) check(where, object, object.example);
        if ('example' in object && object.schema && typeof object.schema === 'object') check(where, object.schema, object.example);
        for (const [key, value] of Object.entries(object)) if (key !== 'example') walk(value, `${where}/${key}`);
      };
      walk(document, '#');
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(10);
    });

    it('documents every route the app serves, and only those', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const documented = Object.entries(body.paths).flatMap(([path, operations]) => Object.keys(operations as object).map((method) => `${method} ${path}`));
      const expected = [...PROTECTED_ROUTES.map(({ method, path }) => [method, path]), ...PUBLIC_DOCUMENTED_ROUTES];
      expect(documented.sort()).toEqual(expected.map(([method, path]) => `${method} ${path}`).sort());
    });

    it('documents the readiness probe with its report for 200 and 503', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const responses = body.paths['/health/ready'].get.responses;
      for (const status of ['200', '503']) expect(responses[status].content['application/json'].schema.properties.details).toBeDefined();
    });

    it('documents every query parameter as optional (each has a default or is a filter)', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const required = Object.entries(body.paths).flatMap(([path, operations]) =>
        Object.entries(operations as Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>).flatMap(([method, operation]) =>
          (operation.parameters ?? []).filter((parameter) => parameter.in === 'query' && parameter.required).map((parameter) => `${method} ${path} ${parameter.name}`),
        ),
      );
      expect(required).toEqual([]);
    });

    it('documents the taxonomy codes as enums on the partner schema', async () => {
      const { body } = await api.http().get('/docs-json').expect(200);
      const properties = body.components.schemas.CreatePartnerDto.properties;
      expect(properties.sector.enum).toContain('maatschappelijke-organisatie');
      expect(properties.opgaven.items.enum).toHaveLength(10);
      expect(body.components.schemas.CreatePartnerDto.required.sort()).toEqual(['name', 'scope', 'sector']);
    });

    it('serves Swagger UI at /docs', async () => {
      const response = await api.http().get('/docs').redirects(1).expect(200);
      expect(response.text).toContain('swagger-ui');
    });
  });
});
