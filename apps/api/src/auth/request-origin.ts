import type { Request } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the browser reached us over https: TLS to this process, or a proxy in front that
 * says so. Trusting the proxy's header only ever adds the Secure flag and cannot open the
 * origin check to another site (a cross-site page cannot set the header).
 */
export function cameOverHttps(request: Request): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return request.secure || proto === 'https';
}

/** This site's origin as the browser sees it: scheme and the Host it asked for. */
export function ownOrigin(request: Request): string {
  return `${cameOverHttps(request) ? 'https' : 'http'}://${request.headers.host ?? ''}`.toLowerCase();
}

/** The origin a browser says the request comes from: Origin, or else that of the Referer. */
export function requestingOrigin(request: Request): string | undefined {
  const origin = request.headers.origin;
  if (origin) return origin.toLowerCase();
  const referer = request.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).origin.toLowerCase();
  } catch {
    return 'null';
  }
}

export function isUnsafeMethod(request: Request): boolean {
  return !SAFE_METHODS.has(request.method);
}
