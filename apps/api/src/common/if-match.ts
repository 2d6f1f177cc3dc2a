import { DomainException } from '@app/errors';

/** What an `If-Match` header asks for: any current representation (`*`), or one of these tags. */
export type IfMatch = { any: true } | { any: false; tags: string[] };

/** `If-Match = "*" / #entity-tag` (RFC 9110 §13.1.1); an entity-tag is `[W/]"…"` without inner quotes. */
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/g;
const TAG_LIST = /^\s*(W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*(,\s*(W\/)?"[\x21\x23-\x7e\x80-\xff]*"\s*)*$/;

/**
 * The If-Match header, or undefined without one. A header that is neither `*` nor a list of
 * entity-tags is a 400 naming it: answering 412 would tell the client someone else changed
 * the resource, when its own header is what is wrong.
 */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return { any: true };
  if (!TAG_LIST.test(header)) {
    throw DomainException.validation([
      { field: 'If-Match', message: 'If-Match must be * or a list of entity-tags in double quotes, e.g. "…" as sent in ETag', value: header },
    ]);
  }
  // The strong comparison RFC 9110 asks of If-Match: a weak tag never matches.
  const tags = [...header.matchAll(ENTITY_TAG)].filter((match) => !match[1]).map((match) => `"${match[2]}"`);
  return { any: false, tags };
}

/** Whether a resource with `etag` satisfies the precondition (none: always). */
export function satisfies(precondition: IfMatch | undefined, etag: string): boolean {
  return !precondition || precondition.any || precondition.tags.includes(etag);
}
