import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PartnerRepository } from '@app/persistence';
import { DomainException } from '@app/errors';
import { OWN_PARTNER_PARAM_KEY, PUBLIC_KEY, ROLES_KEY, type ApiRole } from './access.decorators';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import type { AuthenticatedRequest } from './caller';

/**
 * Deny by default: every route needs a key whose role the route lists (admin always
 * passes) unless it is marked @Public(). A partner key passes only for its own partner.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly partners: PartnerRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticator.authenticate(request);
    request.caller = caller;
    if (caller.role === 'admin') return true;

    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(caller.role)) {
      throw DomainException.forbidden(`A ${caller.role} key may not call ${request.method} ${request.baseUrl}${request.route?.path ?? request.path}`);
    }
    const ownPartnerParam = this.reflector.getAllAndOverride<string | undefined>(OWN_PARTNER_PARAM_KEY, targets);
    if (caller.role === 'partner' && ownPartnerParam) {
      // The partner the route will act on, resolved as the route resolves it: comparing the
      // raw value let a slug shaped like another partner's id pass for that partner.
      const named = request.params[ownPartnerParam];
      const partnerId = typeof named === 'string' ? await this.partners.idOf(named) : null;
      if (partnerId === null || partnerId !== caller.partnerId) {
        throw DomainException.forbidden('A partner key may only read and change its own partner');
      }
    }
    return true;
  }
}
