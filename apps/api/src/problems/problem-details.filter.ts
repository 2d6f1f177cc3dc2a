import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainException, type ErrorCode, type FieldError } from '@app/errors';
import { isDatabaseUnavailable, isRetryableConflict, TransactionConflictError } from '@app/persistence';
import { QueueUnavailableException } from '@app/queue';
import type { Request, Response } from 'express';

/** Each domain code as HTTP: its status and the problem type clients match on. */
const PROBLEM_OF: Record<ErrorCode, { status: number; type: string }> = {
  'validation-failed': { status: HttpStatus.BAD_REQUEST, type: 'validation-failed' },
  unauthorized: { status: HttpStatus.UNAUTHORIZED, type: 'unauthorized' },
  'sign-in-link-invalid': { status: HttpStatus.UNAUTHORIZED, type: 'sign-in-link-invalid' },
  forbidden: { status: HttpStatus.FORBIDDEN, type: 'forbidden' },
  'csrf-rejected': { status: HttpStatus.FORBIDDEN, type: 'csrf-rejected' },
  'not-found': { status: HttpStatus.NOT_FOUND, type: 'not-found' },
  conflict: { status: HttpStatus.CONFLICT, type: 'conflict' },
  'precondition-failed': { status: HttpStatus.PRECONDITION_FAILED, type: 'precondition-failed' },
  'service-unavailable': { status: HttpStatus.SERVICE_UNAVAILABLE, type: 'service-unavailable' },
  'run-unfinished': { status: HttpStatus.CONFLICT, type: 'conflict' },
  'insufficient-data': { status: HttpStatus.UNPROCESSABLE_ENTITY, type: 'insufficient-data' },
};

const TITLE_OF: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

interface Problem {
  status: number;
  title?: string;
  type: string;
  detail: string;
  errors?: FieldError[];
}

/** Answers every error as RFC 9457 problem details; never leaks a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /** Also for Express handlers outside Nest's filters (the queue dashboard). */
  send(exception: unknown, request: Request, response: Response): void {
    const problem = this.toProblem(exception);
    if (problem.status >= 500 && problem.status !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.error(`${request.method} ${request.path}: ${describe(exception)}`);
    }
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    // A handler may have asked for another scheme (the dashboard's Basic prompt).
    if (problem.status === HttpStatus.UNAUTHORIZED && !response.hasHeader('WWW-Authenticate')) response.setHeader('WWW-Authenticate', 'Bearer');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: problem.type,
        title: problem.title ?? TITLE_OF[problem.status] ?? 'Error',
        status: problem.status,
        detail: problem.detail,
        instance: request.originalUrl,
        ...(problem.errors?.length ? { errors: problem.errors } : {}),
      });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainException) {
      const { status, type } = PROBLEM_OF[exception.code];
      return {
        status,
        title: exception.code === 'validation-failed' ? 'Validation failed' : undefined,
        type: `/problems/${type}`,
        detail: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, type: `/problems/http-${status}`, detail: httpDetail(exception) };
    }
    if (exception instanceof TransactionConflictError || isRetryableConflict(exception)) {
      return { status: 409, type: '/problems/conflict', detail: 'The change collided with concurrent changes to the same records and was not stored; try again' };
    }
    if (isUnavailable(exception)) {
      return { status: 503, type: '/problems/service-unavailable', detail: 'A service this request needs is not reachable; try again shortly' };
    }
    const bodyParserStatus = clientErrorStatus(exception);
    if (bodyParserStatus) {
      return { status: bodyParserStatus, type: `/problems/http-${bodyParserStatus}`, detail: (exception as Error).message };
    }
    return { status: 500, type: '/problems/internal-error', detail: 'An unexpected error occurred' };
  }
}

function httpDetail(exception: HttpException): string {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}

function isUnavailable(exception: unknown): boolean {
  return exception instanceof QueueUnavailableException || isDatabaseUnavailable(exception);
}

/** Express's body parser reports malformed or oversized bodies with a 4xx `status`. */
function clientErrorStatus(exception: unknown): number | null {
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
