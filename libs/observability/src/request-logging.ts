import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '@app/config';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is kept only when it cannot smuggle anything into a log line or header. */
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;
const EMAIL = /[^\s/?&=]+(@|%40)[^\s/?&=]+/gi;
/** Probes and scrapes every few seconds would drown the request log. */
const UNLOGGED_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** The caller's `x-request-id` when it is sane, else a new one; echoed in the response. */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The URL without e-mail addresses: partners' contact addresses are personal data. */
export function loggableUrl(url: string | undefined): string {
  return (url ?? '').replace(EMAIL, '[email]');
}

/**
 * pino-http options shared by the API and the worker: JSON lines with ISO times and level
 * names, a request id on every line of a request, and no bodies, headers or client addresses.
 */
export function requestLoggingOptions(level: LogLevel): Options {
  return {
    level,
    genReqId: requestId,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    serializers: {
      req: (request: { id: unknown; method: string; url: string }) => ({ id: request.id, method: request.method, url: loggableUrl(request.url) }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // A guard for anything logged by hand; the serializers above keep headers out already.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'],
    autoLogging: { ignore: (request) => UNLOGGED_PATHS.has((request.url ?? '').split('?')[0]) },
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
  };
}
