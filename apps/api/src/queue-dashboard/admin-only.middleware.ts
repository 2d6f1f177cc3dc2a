import { DomainException } from '@app/errors';
import type { RequestHandler } from 'express';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { bearerToken } from '../auth/api-key-secret';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';

const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i;

/**
 * The dashboard can retry and delete jobs, so it is for admin keys only. It is an Express
 * app of its own, outside Nest's guards; a browser reaches it through the Basic prompt
 * (any user name, the key as password), scripts with the usual bearer header.
 */
export function adminOnly(authenticator: ApiKeyAuthenticator): RequestHandler {
  const problems = new ProblemDetailsFilter();
  return (request, response, next) => {
    const header = request.headers.authorization ?? '';
    const basic = BASIC.exec(header)?.[1];
    const token = bearerToken(header) ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined);
    const caller = token ? authenticator.callerWith(token) : Promise.resolve(null);
    caller.then(
      (holder) => {
        if (holder?.role === 'admin') return next();
        response.setHeader('WWW-Authenticate', 'Basic realm="Partnermatch queues", charset="UTF-8"');
        problems.send(DomainException.unauthorized('The queue dashboard needs an admin API key'), request, response);
      },
      (error: unknown) => next(error),
    );
  };
}
