import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ApiKeyRepository } from '@app/persistence';
import cors, { type CorsOptions } from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { bearerToken } from './api-key-secret';

/**
 * CORS for the embed routes: a page may read them only from an origin registered on the
 * portal key it sends. A preflight carries no key, so it is answered for an origin that any
 * portal key registers; the request that follows is then checked against its own key.
 */
@Injectable()
export class PortalCorsMiddleware implements NestMiddleware {
  private readonly handler: RequestHandler;

  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly keys: ApiKeyRepository,
  ) {
    this.handler = cors((request, callback) => {
      this.options(request as Request).then((options) => callback(null, options), callback);
    });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // A refused preflight is answered too, without CORS headers, rather than falling through to a 404.
    const refusePreflight = () => (request.method === 'OPTIONS' ? response.status(204).end() : next());
    this.handler(request, response, (error?: unknown) => (error ? next(error) : refusePreflight()));
  }

  private async options(request: Request): Promise<CorsOptions> {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && (await this.allows(request, origin));
    return {
      origin: allowed ? origin : false,
      methods: ['GET', 'HEAD'],
      allowedHeaders: ['Authorization', 'If-None-Match'],
      exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    };
  }

  private async allows(request: Request, origin: string): Promise<boolean> {
    if (request.method === 'OPTIONS') return this.keys.isPortalOrigin(origin);
    const token = bearerToken(request.headers.authorization);
    const caller = token ? await this.authenticator.callerWith(token) : null;
    return caller?.role === 'portal' && caller.allowedOrigins.includes(origin);
  }
}
