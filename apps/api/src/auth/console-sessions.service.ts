import { Inject, Injectable } from '@nestjs/common';
import { appConfig, type AppConfig } from '@app/config';
import { DomainException } from '@app/errors';
import { ConsoleSessionRepository, type LiveSession, type PersonEntity } from '@app/persistence';
import type { CookieOptions, Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { hashApiKey, sameHash } from './api-key-secret';
import { BOOTSTRAP_ADMIN, type Caller } from './caller';
import { cameOverHttps, isUnsafeMethod, ownOrigin, requestingOrigin } from './request-origin';
import type { SessionDto } from './dtos/session.dto';

export const SESSION_COOKIE = 'pm_session';
/** The header the console sends with every request; a cross-site form or image cannot. */
export const CONSOLE_HEADER = 'x-partnermatch-console';
/** However active, a session ends after a week. */
const LIFETIME_MINUTES = 7 * 24 * 60;
/** last_seen_at is written at most this often per session: the idle time is hours, not seconds. */
const TOUCH_AFTER_SECONDS = 60;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Console sign-in: a team or admin key is exchanged once for an HttpOnly cookie holding a
 * random token; only its hash is stored. Requests with the cookie that change something must
 * prove they come from the console itself (CSRF): the console's header and this site's origin.
 */
@Injectable()
export class ConsoleSessionsService {
  private readonly bootstrapHash: string | null;
  private readonly idleMinutes: number;

  constructor(
    @Inject(appConfig.KEY) config: AppConfig,
    private readonly sessions: ConsoleSessionRepository,
  ) {
    this.bootstrapHash = config.adminApiKey ? hashApiKey(config.adminApiKey) : null;
    this.idleMinutes = config.sessionIdleMinutes;
  }

  /** Starts a session for the caller a key named, and sets its cookie. */
  async start(caller: Caller, request: Request, response: Response): Promise<SessionDto> {
    if (caller.role !== 'admin' && caller.role !== 'team') {
      throw DomainException.forbidden(`The console is for the team: a ${caller.role} key cannot sign in here`);
    }
    const token = randomBytes(32).toString('base64url');
    const owner = caller === BOOTSTRAP_ADMIN ? { kind: 'bootstrap_admin' as const, keyHash: this.bootstrapHash! } : { kind: 'api_key' as const, apiKeyId: caller.id };
    const session = await this.sessions.create(hashToken(token), owner, this.idleMinutes, LIFETIME_MINUTES);
    response.cookie(SESSION_COOKIE, token, this.cookieOptions(request));
    return this.describe(caller, session);
  }

  /** Starts the session of a person whose e-mail link was just used, and sets its cookie. */
  async startForPerson(person: Pick<PersonEntity, 'id'>, request: Request, response: Response): Promise<SessionDto> {
    const token = randomBytes(32).toString('base64url');
    const session = await this.sessions.create(hashToken(token), { kind: 'person', personId: person.id }, this.idleMinutes, LIFETIME_MINUTES);
    if (!session.holder) throw this.ended(request);
    response.cookie(SESSION_COOKIE, token, this.cookieOptions(request));
    return this.describe(session.holder, session);
  }

  /** The session the request's cookie belongs to, or a 401. */
  async current(request: Request): Promise<SessionDto> {
    const found = await this.find(request);
    if (!found) throw this.ended(request);
    return this.describe(found.caller, found.session);
  }

  /** Ends the cookie's session server-side (if any) and clears the cookie. */
  async end(request: Request, response: Response): Promise<void> {
    const token = this.tokenOf(request);
    if (token) {
      this.refuseCrossSite(request);
      await this.sessions.delete(hashToken(token));
    }
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
  }

  /**
   * For the key guard: the caller of a request that carries the session cookie (and no
   * bearer key), null without the cookie, a 401 when the session has ended, and a 403 for
   * a state-changing request that does not come from the console.
   */
  async callerOf(request: Request): Promise<Caller | null> {
    if (!this.tokenOf(request)) return null;
    this.refuseCrossSite(request);
    const found = await this.find(request);
    if (!found) throw this.ended(request);
    return found.caller;
  }

  private refuseCrossSite(request: Request): void {
    if (!isUnsafeMethod(request)) return;
    if (request.headers[CONSOLE_HEADER] !== '1') {
      throw new DomainException('csrf-rejected', `A ${request.method} with the console's session cookie must carry the header X-Partnermatch-Console: 1`);
    }
    const origin = requestingOrigin(request);
    if (origin !== ownOrigin(request)) {
      throw new DomainException('csrf-rejected', `A ${request.method} with the console's session cookie must come from this site (Origin ${origin ?? 'missing'})`);
    }
  }

  private async find(request: Request): Promise<{ caller: Caller; session: LiveSession } | null> {
    const token = this.tokenOf(request);
    if (!token) return null;
    const session = await this.sessions.findLive(hashToken(token), this.idleMinutes, TOUCH_AFTER_SECONDS);
    if (!session) return null;
    if (session.holder) return { caller: session.holder, session };
    // The bootstrap key's sessions hold only while the process runs with that same key.
    const bootstrap = session.bootstrapKeyHash && this.bootstrapHash && sameHash(session.bootstrapKeyHash, this.bootstrapHash);
    return bootstrap ? { caller: BOOTSTRAP_ADMIN, session } : null;
  }

  private tokenOf(request: Request): string | undefined {
    const token: unknown = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length > 0 ? token : undefined;
  }

  private ended(request: Request): DomainException {
    return DomainException.unauthorized(
      this.tokenOf(request)
        ? `The console session has ended (signed out, idle for more than ${this.idleMinutes} minutes, or its key was deleted): sign in again`
        : 'No console session: sign in with POST /v1/auth/session',
    );
  }

  private describe(caller: Caller, session: LiveSession): SessionDto {
    const idleEnd = session.lastSeenAt.getTime() + this.idleMinutes * 60_000;
    return {
      role: caller.role as SessionDto['role'],
      partner: caller.partnerSlug,
      name: caller.name,
      expiresAt: new Date(Math.min(idleEnd, session.expiresAt.getTime())).toISOString(),
    };
  }

  /** Secure whenever the browser came over https; on plain http (the embedded default) a Secure cookie would never come back. */
  private cookieOptions(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: cameOverHttps(request), path: '/' };
  }
}
