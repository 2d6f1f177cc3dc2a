import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ApiKeyRole } from '@app/persistence';
import { ProblemDetailsDto } from '../problems/problem-details.dto';

export type ApiRole = ApiKeyRole;

export const ROLES_KEY = 'partnermatch:roles';
export const OWN_PARTNER_PARAM_KEY = 'partnermatch:own-partner-param';
export const BEARER_SCHEME = 'api-key';
/** The console's session cookie, the other way to call a route (see /v1/auth/session). */
export const SESSION_SCHEME = 'console-session';

const ACCESS_PROBLEMS: Record<number, string> = {
  401: 'No key, or a key that is not (or no longer) valid: send `Authorization: Bearer <key>`; or a console session that has ended',
  403: "The key's role may not call this route, or a partner key asked for another partner; or a change with the session cookie not sent by the console (`/problems/csrf-rejected`)",
  429: 'Too many requests with this key; `Retry-After` says when to try again',
};

/**
 * The roles that may call a route (or every route of a controller); admin always may.
 * A route with neither this nor @Public() is refused to everyone but admin. Documents the
 * bearer and session schemes, the roles (`x-roles`) and the 401/403/429 answers in OpenAPI.
 */
export const Roles = (...roles: ApiRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(BEARER_SCHEME),
    ApiCookieAuth(SESSION_SCHEME),
    ApiExtension('x-roles', ['admin', ...roles.filter((role) => role !== 'admin')]),
    ApiExtraModels(ProblemDetailsDto),
    ...Object.entries(ACCESS_PROBLEMS).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } } }),
    ),
  );

export { Public, PUBLIC_KEY } from '@app/errors';

/**
 * A partner key may call the route only for its own partner, named by this path parameter
 * (id or slug). Other roles are not restricted by it.
 */
export const OwnPartnerOnly = (param = 'idOrSlug'): MethodDecorator & ClassDecorator => SetMetadata(OWN_PARTNER_PARAM_KEY, param);
