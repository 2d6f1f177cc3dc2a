import SwaggerParser from '@apidevtools/swagger-parser';
import { PROTECTED_ROUTES, PUBLIC_DOCUMENTED_ROUTES, type RouteAccess } from './support/route-access';
import { startTestApp, type TestApp } from './support/test-app';

describe('taxonomy API and OpenAPI document', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('taxonomy');
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves the alliance lists with Dutch and English labels', async () => {
    const { body } = await api.http().get('/v1/taxonomy').expect(200);
    expect(body.leefdomeinen).toHaveLength(8);
    expect(body.opgaven).toHaveLength(10);
    expect(body.sectors).toHaveLength(8);
    expect(body.kennisbronnen).toHaveLength(3);
    expect(body.provinces).toHaveLength(12);
    expect(body.gemeenten).toHaveLength(342);
    expect(body.opgaven.filter((opgave: { status: string }) => opgave.status === 'provisional')).toHaveLength(8);
    for (const term of [...body.leefdomeinen, ...body.opgaven, ...body.sectors, ...body.kennisbronnen]) {
      expect(term).toEqual(expect.objectContaining({ code: expect.any(String), nl: expect.any(String), en: expect.any(String) }));
    }
  });

  it.each([
    ['leefdomeinen', 8],
    ['opgaven', 10],
    ['sectors', 8],
    ['kennisbronnen', 3],
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
