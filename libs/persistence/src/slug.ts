/**
 * The canonical text form of a uuid (any version). Path parameters of this shape are read as
 * partner ids, never as slugs, so no slug may have it: a partner named with another partner's
 * id would otherwise get that id as its slug, and its key would pass for the other partner.
 */
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value has the shape of a partner id (and is therefore looked up as one). */
export function hasIdShape(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** What a slug of the shape of an id becomes; the migration that renamed existing ones uses the same prefix. */
export const ID_SHAPED_SLUG_PREFIX = 'partner-';

/**
 * Lower-case ASCII words joined by hyphens: "Stichting Leergeld 's-Hertogenbosch" → "stichting-leergeld-s-hertogenbosch".
 * A result of the shape of an id is prefixed with `partner-`.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  if (hasIdShape(slug)) return `${ID_SHAPED_SLUG_PREFIX}${slug}`;
  return slug || 'partner';
}

/** The first of `base`, `base-2`, `base-3`, … that is not taken and not of the shape of an id. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  const free = (slug: string) => !taken.has(slug) && !hasIdShape(slug);
  if (free(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (free(candidate)) return candidate;
  }
}
