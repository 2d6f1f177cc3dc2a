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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnermatch API')
      .setDescription(
        'Partner-matching recommendations for the Alliantie Kinderarmoede. Errors are RFC 9457 problem details ' +
          '(`application/problem+json`) with a per-field `errors` list.',
      )
      .setVersion('1')
      // Relative: the document is served by the API it describes, wherever that is reached.
      .addServer('/', 'this server')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          // Nest's default says JWT; the keys are opaque strings looked up by hash.
          bearerFormat: 'opaque API key (pm_…)',
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
      .addTag('taxonomy', 'The alliance\'s lists: leefdomeinen, opgaven, sectors, kennisbronnen, verandertheorie, provinces and gemeenten')
      .addTag('partners', 'Partner organisations: register, read, change, remove; CSV import and export')
      .addTag('connections', 'Existing collaborations between partners (never suggested again)')
      .addTag('suggestions', 'A partner\'s ranked, explained suggestions and its feedback on them')
      .addTag('review', 'The project team\'s review queue and decisions on suggested pairs')
      .addTag('matching profile', 'The weights and settings of matching, their versions and a what-if preview')
      .addTag('matching runs', 'Full recomputations of every suggestion list')
      .addTag('gemeenten', 'Local coalitions and the opgaven a gemeente\'s partners leave uncovered')
      .addTag('insights', 'How suggestions fare: the outcome funnel from suggested to working together, fed by impressions of what partners were shown')
      .addTag('embed', 'The portal\'s public view of approved suggestions')
      .addTag('privacy', 'A partner\'s data export and erasure')
      .addTag('api keys', 'API keys and their roles')
      .addTag('health', 'Liveness and readiness probes')
      .addTag('people', 'Team members and partner contacts who sign in by e-mail and receive mails')
      .addTag('mail', 'Mail links: one-click feedback, follow-up answers, unsubscribe, and the dev mailbox of the embedded default')
      .addTag('auth', 'Signing in to the team console: a session cookie in exchange for a key')
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  // The swagger plugin puts a handler's doc comment in `summary`; tools that list operations
  // read `description`, so it carries the same text where none was written.
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as { summary?: string; description?: string }[]) {
      if (operation && typeof operation === 'object' && operation.summary && !operation.description) operation.description = operation.summary;
    }
  }
  return document;
}
