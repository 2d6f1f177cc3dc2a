import { SetMetadata } from '@nestjs/common';

export const API_ROLES = ['admin', 'team', 'portal', 'partner'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export const ROLES_KEY = 'partnermatch:roles';
export const PUBLIC_KEY = 'partnermatch:public';
export const OWN_PARTNER_PARAM_KEY = 'partnermatch:own-partner-param';

/**
 * The roles that may call a route (or every route of a controller). Admin may always;
 * a route without this or @Public() is refused to everyone but admin.
 */
export const Roles = (...roles: ApiRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** No key needed: probes, the API description and the widget's static files. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * A partner key may call the route only for its own partner, named by this path parameter
 * (id or slug). Other roles are not restricted by it.
 */
export const OwnPartnerOnly = (param = 'idOrSlug'): MethodDecorator & ClassDecorator => SetMetadata(OWN_PARTNER_PARAM_KEY, param);
