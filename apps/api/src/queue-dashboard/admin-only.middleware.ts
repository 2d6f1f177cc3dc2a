import type { RequestHandler } from 'express';
import type { ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { bearerToken } from '../auth/api-key-secret';

const BASIC = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i;

/**
 * The dashboard can retry and delete jobs, so it is for admin keys only. It is an Express
 * app of its own, outside Nest's guards; a browser reaches it through the Basic prompt
 * (any user name, the key as password), scripts with the usual bearer header.
 */
export function adminOnly(authenticator: ApiKeyAuthenticator): RequestHandler {
  return (request, response, next) => {
    const header = request.headers.authorization ?? '';
    const basic = BASIC.exec(header)?.[1];
    const token = bearerToken(header) ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : undefined);
    const caller = token ? authenticator.callerWith(token) : Promise.resolve(null);
    caller.then(
      (holder) => {
        if (holder?.role === 'admin') return next();
        response
          .status(401)
          .setHeader('WWW-Authenticate', 'Basic realm="Partnermatch queues", charset="UTF-8"')
          .type('application/problem+json')
          .json({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'The queue dashboard needs an admin API key', instance: request.originalUrl });
      },
      (error: unknown) => next(error),
    );
  };
}
