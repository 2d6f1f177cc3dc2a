import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What is stored of a key: SHA-256 suffices because keys are long random strings, not passwords. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 192 random bits; the `pm_` prefix lets secret scanners and people recognise the key. */
export function generateApiKey(): string {
  return `pm_${randomBytes(24).toString('base64url')}`;
}

/** Enough of a key to tell keys apart in a list, too little to guess the rest. */
export function keyPrefix(key: string): string {
  return key.slice(0, 7);
}

export function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The key of an `Authorization: Bearer <key>` header, or undefined for any other header. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}
