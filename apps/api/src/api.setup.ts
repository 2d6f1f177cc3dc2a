import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { ProblemDetailsDto } from './problems/problem-details.dto';
import { createValidationPipe } from './problems/validation';

/** Everything main.ts applies to the app, shared with the end-to-end tests. */
export function configureApi(app: INestApplication): OpenAPIObject {
  // Security headers on every response; the default policy still lets Swagger UI at /docs
  // load. No upgrade-insecure-requests: the embedded default is served over plain http.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnermatch API')
      .setDescription(
        'Partner-matching recommendations for the Alliantie Kinderarmoede. Errors are RFC 9457 problem details ' +
          '(`application/problem+json`) with a per-field `errors` list.',
      )
      .setVersion('1')
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
