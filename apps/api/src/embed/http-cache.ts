import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A strong validator: the same bytes always give the same tag, any change gives another. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * RFC 9110 If-None-Match for GET uses the weak comparison, so `W/"x"` matches `"x"`;
 * `*` matches any current representation.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const candidates = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return candidates.includes('*') || candidates.includes(etag);
}

/**
 * Sends `body` with its strong ETag and the given Cache-Control, or a bodyless 304 when
 * the client already holds it. The body is serialised here so the tag is the hash of the
 * exact bytes sent.
 */
export function sendCached(request: Request, response: Response, body: string, contentType: string, cacheControl: string): void {
  const etag = strongEtag(body);
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', cacheControl);
  if (matchesIfNoneMatch(request.get('if-none-match'), etag)) {
    response.status(304).end();
    return;
  }
  response.status(200).type(contentType).send(body);
}
