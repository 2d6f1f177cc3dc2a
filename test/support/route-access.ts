import type { ApiRole } from '../../apps/api/src/auth/access.decorators';

/** A route and the roles besides admin that may call it; `ownPartner`: a partner key only for its own partner. */
export interface RouteAccess {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  roles: Exclude<ApiRole, 'admin'>[];
  ownPartner?: boolean;
}

/**
 * Who may call what, as DESIGN and issue 6 say: admin everything; team reads all, reviews,
 * runs and profiles; partner reads and edits its own profile, reads its own suggestions and
 * gives feedback; portal reads only the embed routes. The OpenAPI test and the role × route
 * matrix both check the app against this one table.
 */
export const PROTECTED_ROUTES: RouteAccess[] = [
  { method: 'get', path: '/v1/taxonomy', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/leefdomeinen', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/opgaven', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/sectors', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/kennisbronnen', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/verandertheorie', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/provinces', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/gemeenten', roles: ['team', 'partner'] },
  { method: 'get', path: '/v1/taxonomy/gemeenten/{code}', roles: ['team', 'partner'] },
  { method: 'post', path: '/v1/partners', roles: [] },
  { method: 'get', path: '/v1/partners', roles: ['team'] },
  { method: 'get', path: '/v1/partners/{idOrSlug}', roles: ['team', 'partner'], ownPartner: true },
  { method: 'patch', path: '/v1/partners/{idOrSlug}', roles: ['partner'], ownPartner: true },
  { method: 'delete', path: '/v1/partners/{idOrSlug}', roles: [] },
  { method: 'post', path: '/v1/partners/import', roles: [] },
  { method: 'get', path: '/v1/partners/export.csv', roles: ['team'] },
  { method: 'get', path: '/v1/partners/{idOrSlug}/export', roles: ['team', 'partner'], ownPartner: true },
  { method: 'post', path: '/v1/connections', roles: [] },
  { method: 'get', path: '/v1/connections', roles: ['team'] },
  { method: 'delete', path: '/v1/connections/{id}', roles: [] },
  { method: 'get', path: '/v1/partners/{idOrSlug}/suggestions', roles: ['team', 'partner'], ownPartner: true },
  { method: 'post', path: '/v1/partners/{idOrSlug}/suggestions/{candidateIdOrSlug}/feedback', roles: ['team', 'partner'], ownPartner: true },
  { method: 'post', path: '/v1/matching/runs', roles: ['team'] },
  { method: 'get', path: '/v1/matching/runs', roles: ['team'] },
  { method: 'get', path: '/v1/matching/runs/{id}', roles: ['team'] },
  { method: 'get', path: '/v1/matching/profile', roles: ['team'] },
  { method: 'put', path: '/v1/matching/profile', roles: ['team'] },
  { method: 'get', path: '/v1/matching/profile/versions', roles: ['team'] },
  { method: 'post', path: '/v1/matching/profile/preview', roles: ['team'] },
  { method: 'get', path: '/v1/gemeenten/{code}/coalition', roles: ['team'] },
  { method: 'get', path: '/v1/gemeenten/{code}/gaps', roles: ['team'] },
  { method: 'get', path: '/v1/gemeenten/{code}/gap-closers', roles: ['team'] },
  { method: 'post', path: '/v1/matching/profile/suggest', roles: ['team'] },
  { method: 'get', path: '/v1/insights/funnel', roles: ['team'] },
  { method: 'get', path: '/v1/gaps', roles: ['team'] },
  { method: 'get', path: '/v1/reviews', roles: ['team'] },
  { method: 'get', path: '/v1/reviews/counts', roles: ['team'] },
  { method: 'get', path: '/v1/reviews/{id}', roles: ['team'] },
  { method: 'get', path: '/v1/matches/{id}', roles: ['team'] },
  { method: 'patch', path: '/v1/matches/{id}', roles: ['team'] },
  { method: 'get', path: '/v1/matches/{id}/history', roles: ['team'] },
  { method: 'post', path: '/v1/matches/bulk', roles: ['team'] },
  { method: 'post', path: '/v1/api-keys', roles: [] },
  { method: 'get', path: '/v1/api-keys', roles: [] },
  { method: 'delete', path: '/v1/api-keys/{id}', roles: [] },
  { method: 'get', path: '/v1/embed/partners/{slug}/suggestions', roles: ['portal', 'team'] },
  { method: 'get', path: '/v1/people', roles: [] },
  { method: 'post', path: '/v1/people', roles: [] },
  { method: 'get', path: '/v1/people/{id}', roles: [] },
  { method: 'patch', path: '/v1/people/{id}', roles: [] },
  { method: 'delete', path: '/v1/people/{id}', roles: [] },
  { method: 'get', path: '/v1/dev/mailbox', roles: [] },
  { method: 'get', path: '/v1/dev/mailbox/{id}', roles: [] },
  { method: 'get', path: '/v1/partners/{idOrSlug}/introductions', roles: ['team', 'partner'], ownPartner: true },
  { method: 'post', path: '/v1/partners/{idOrSlug}/erasure-request', roles: ['partner'], ownPartner: true },
  { method: 'get', path: '/v1/partners/{idOrSlug}/erasure-request', roles: ['team', 'partner'], ownPartner: true },
  { method: 'delete', path: '/v1/partners/{idOrSlug}/erasure-request', roles: [] },
  { method: 'get', path: '/v1/erasure-requests', roles: [] },
  { method: 'get', path: '/v1/me', roles: ['team', 'partner'] },
  { method: 'patch', path: '/v1/me', roles: ['team', 'partner'] },
];

/**
 * In OpenAPI without a key: the probes, the console's sign-in (key or e-mail link), and the pages the
 * links in mails open, whose signed token is the permission.
 * (/metrics, /docs, the widget's files and the console's are served but not described.)
 */
export const PUBLIC_DOCUMENTED_ROUTES: [string, string][] = [
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['post', '/v1/auth/session'],
  ['get', '/v1/auth/session'],
  ['delete', '/v1/auth/session'],
  ['post', '/v1/auth/sign-in-link'],
  ['get', '/v1/mail/unsubscribe'],
  ['post', '/v1/mail/unsubscribe'],
  ['get', '/v1/mail/feedback'],
  ['post', '/v1/mail/feedback'],
  ['get', '/v1/mail/outcome'],
  ['post', '/v1/mail/outcome'],
  ['get', '/v1/mail/report'],
  ['post', '/v1/mail/report'],
];
