import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainException } from '@app/errors';
import { ownOrigin } from './request-origin';

/**
 * Sign-in carries a key, not the cookie, so the cookie's CSRF rule does not apply; but a page
 * of another site must not sign a browser in either (login CSRF). A guard, so it refuses
 * before the body is looked at. Without an Origin (curl, scripts) it lets the request by.
 */
@Injectable()
export class SignInOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const origin = request.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== ownOrigin(request)) {
      throw new DomainException('csrf-rejected', `Signing in is only possible from this site's own pages, not from ${origin}`);
    }
    return true;
  }
}
