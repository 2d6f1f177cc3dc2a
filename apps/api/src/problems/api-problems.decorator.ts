import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each offending field and value',
  404: 'No such resource',
  409: 'Conflicts with the current state',
  412: 'If-Match names none of the current ETags: the resource changed since it was read; nothing was written',
  413: 'The upload is larger than the route accepts',
  422: 'Well-formed, but the stored data is too little to answer from; `errors` says what is missing',
  503: 'A service this request needs (database, queue) is unavailable',
};

/** Documents the problem-details answers a route can give, plus the 503 any route can give. */
export function ApiProblems(...statuses: (400 | 404 | 409 | 412 | 413 | 422)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...[...statuses, 503].map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
