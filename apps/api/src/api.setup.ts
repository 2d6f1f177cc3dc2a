import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { BEARER_SCHEME, SESSION_SCHEME } from './auth/access.decorators';
import { SESSION_COOKIE } from './auth/console-sessions.service';
import { BodyMediaTypeInterceptor } from './common/body-media-type.interceptor';
import { ProblemDetailsDto } from './problems/problem-details.dto';
import { createValidationPipe } from './problems/validation';

/** Everything main.ts applies to the app, shared with the end-to-end tests. */
export function configureApi(app: INestApplication): OpenAPIObject {
  // Security headers on every response; the default policy still lets Swagger UI at /docs
  // load. No upgrade-insecure-requests: the embedded default is served over plain http.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // The console's session cookie (apps/api/src/auth/console-sessions.service.ts).
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new BodyMediaTypeInterceptor());
  // On SIGTERM: the listener closes, requests in flight finish, then the database; exit code 0
  // rather than Nest re-raising the signal (143 to an orchestrator), and pino flushes on 'exit'.
  app.enableShutdownHooks([], { useProcessExit: true });
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}

/**
 * The OpenAPI document of the app's routes, as /docs-json serves it; also what `npm run
 * openapi` writes for the console's generated client.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnermatch API')
      .setDescription(
        'Partner-matching recommendations for the Alliantie Kinderarmoede. Errors are RFC 9457 problem details ' +
          '(`application/problem+json`) with a per-field `errors` list.',
      )
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (`pm_…`). Roles: `admin` everything; `team` reads all, reviews, runs and profiles; `partner` its own ' +
            'partner (profile, approved suggestions, feedback, export); `portal` the embed routes. Each operation lists its ' +
            'roles in `x-roles`; a missing or bad key is 401, a role or partner it may not use is 403.',
        },
        BEARER_SCHEME,
      )
      .addCookieAuth(
        SESSION_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          description:
            'The team console\'s session (POST /v1/auth/session with a team or admin key). A POST, PUT, PATCH or DELETE with it ' +
            'must send `X-Partnermatch-Console: 1` and an Origin (or Referer) of this site, else 403 `/problems/csrf-rejected`.',
        },
        SESSION_SCHEME,
      )
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
}
