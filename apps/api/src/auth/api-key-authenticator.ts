import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { ApiKeyRepository, KeptUntilChanged, ListChangeFeed } from '@app/persistence';
import type { Request } from 'express';
import { DomainException } from '@app/errors';
import { bearerToken, hashApiKey, sameHash } from './api-key-secret';
import { BOOTSTRAP_ADMIN, type Caller } from './caller';
import { ConsoleSessionsService } from './console-sessions.service';

const MAX_KEPT_KEYS = 10_000;

export { BOOTSTRAP_ADMIN };

/**
 * Finds who a request comes from: the key of its `Authorization: Bearer` header (the
 * bootstrap admin key from ADMIN_API_KEY, or a stored one) or, without that header, the
 * console session of its cookie.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly bootstrapHash: string | null;
  /** Keys seen lately, so a request costs no query; unknown keys are always looked up (a flood of them keeps nothing). */
  private readonly holders: KeptUntilChanged<Caller | null>;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly keys: ApiKeyRepository,
    changes: ListChangeFeed,
    private readonly sessions: ConsoleSessionsService,
  ) {
    this.bootstrapHash = config.adminApiKey ? hashApiKey(config.adminApiKey) : null;
    this.holders = new KeptUntilChanged(changes, MAX_KEPT_KEYS);
  }

  /** The caller, or a 401 saying what is wrong with the Authorization header or the session (403 for a cross-site cookie). */
  async authenticate(request: Request): Promise<Caller> {
    const header = request.headers.authorization;
    if (!header) {
      const sessionCaller = await this.sessions.callerOf(request);
      if (sessionCaller) return sessionCaller;
      throw DomainException.unauthorized('This route needs an API key: send `Authorization: Bearer <key>` (or sign in to the console)');
    }
    const token = bearerToken(header);
    if (!token) throw DomainException.unauthorized('The Authorization header must be `Bearer <key>`');
    const caller = await this.callerWith(token);
    if (!caller) throw this.invalidKey();
    return caller;
  }

  invalidKey(): DomainException {
    return DomainException.unauthorized('This API key is not valid (unknown or deleted)');
  }

  /** The caller a key belongs to, or null; for paths that must not fail on a bad key (CORS). */
  async callerWith(token: string): Promise<Caller | null> {
    const hash = hashApiKey(token);
    if (this.bootstrapHash && sameHash(hash, this.bootstrapHash)) return BOOTSTRAP_ADMIN;
    return this.holders.read(hash, () => this.keys.holderOf(hash), (holder) => holder !== null);
  }
}
