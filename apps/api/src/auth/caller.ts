import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { KeyHolder } from '@app/persistence';
import type { Request } from 'express';

/** Who is calling: the key the request authenticated with (the bootstrap admin key has id `bootstrap`). */
export type Caller = KeyHolder;

/** The key from ADMIN_API_KEY, which has no row; "admin" is what the audit trail records for it. */
export const BOOTSTRAP_ADMIN: Caller = { id: 'bootstrap', name: 'admin', role: 'admin', partnerId: null, partnerSlug: null, allowedOrigins: [] };

export type AuthenticatedRequest = Request & { caller?: Caller };

export function callerOf(request: Request): Caller | undefined {
  return (request as AuthenticatedRequest).caller;
}

/** The caller of a route behind the key guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller | undefined =>
  callerOf(context.switchToHttp().getRequest<Request>()),
);
