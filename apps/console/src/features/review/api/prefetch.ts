import { $api, queryClient } from '../../../api/client';
import { storedLang } from '../../../i18n/i18n';
import { queueQuery } from './reviews';

/**
 * Where nearly every visit lands: the queue's chunk, the session check, the queue's first page and
 * the taxonomy and profile its rows use are fetched at once, at start-up, instead of one after the other (chunk → session → list). The
 * queries land in the cache under the keys the screens ask for, so they reuse them.
 */
export function prefetchQueue(): void {
  void import('../components/ReviewPage');
  void queryClient.prefetchQuery({ ...$api.queryOptions('get', '/v1/auth/session', {}), retry: false, staleTime: 5 * 60_000 });
  void queryClient.prefetchQuery($api.queryOptions('get', '/v1/reviews', { params: { query: queueQuery(new URLSearchParams(window.location.search), storedLang()) } }));
  // The rows' labels and score parts: asked for with the list rather than once the page has rendered.
  void queryClient.prefetchQuery({ ...$api.queryOptions('get', '/v1/taxonomy', {}), staleTime: Infinity, gcTime: Infinity });
  void queryClient.prefetchQuery({ ...$api.queryOptions('get', '/v1/matching/profile', {}), staleTime: 60_000 });
}
