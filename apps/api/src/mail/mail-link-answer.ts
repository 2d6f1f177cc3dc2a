import type { Request, Response } from 'express';
import { DomainException } from '@app/errors';
import { invalidLinkPage } from './mail-pages';

/** A browser (a form on one of the pages) gets HTML; mail clients and API callers a problem. */
function wantsHtml(request: Request): boolean {
  return request.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The answer to a POST of a mail link whose token is missing, malformed, tampered or expired
 * (nothing changed): 400 naming `token`, as an HTML page for a browser and as problem details
 * for everyone else.
 */
export function refuseLink(request: Request, response: Response): string {
  if (!wantsHtml(request)) throw DomainException.validation([{ field: 'token', message: 'token is not a valid link of ours (missing, changed or expired); nothing was changed' }]);
  response.status(400);
  return invalidLinkPage();
}

