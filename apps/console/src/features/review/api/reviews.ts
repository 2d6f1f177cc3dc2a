import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type ReviewItem = Schemas['ReviewItemDto'];
export type MatchStatus = ReviewItem['status'];
export type ReviewQuery = NonNullable<paths['/v1/reviews']['get']['parameters']['query']>;

export const STATUSES: MatchStatus[] = ['pending', 'approved', 'rejected', 'introduced', 'collaborating', 'declined'];
export const PAGE_SIZE = 20;

/** The queue's request for the filters in the URL (the page and the start-up prefetch share it). */
export function queueQuery(params: URLSearchParams, lang: 'nl' | 'en'): ReviewQuery {
  const query: ReviewQuery = { lang, limit: PAGE_SIZE, offset: Math.max(0, Number(params.get('page') ?? '1') - 1) * PAGE_SIZE };
  const status = params.get('status');
  if (status && (STATUSES as string[]).includes(status)) query.status = status as MatchStatus;
  for (const key of ['province', 'gemeente', 'sector', 'opgave', 'leefdomein'] as const) {
    const value = params.get(key);
    if (value) (query as Record<string, unknown>)[key] = value;
  }
  const minScore = Number(params.get('minScore'));
  if (params.get('minScore') && Number.isFinite(minScore)) query.minScore = Math.min(1, Math.max(0, minScore / 100));
  if (params.get('mutualInterest') === 'true') query.mutualInterest = true;
  return query;
}

export function useReviews(query: ReviewQuery) {
  return $api.useQuery('get', '/v1/reviews', { params: { query } }, { placeholderData: (previous) => previous });
}

/**
 * Counts per status under the same filters: six one-row pages, their totals. `enabled` once the
 * list is in: six queries ahead of it would make the first row wait for the database.
 */
export function useStatusCount(query: ReviewQuery, status: MatchStatus, enabled = true) {
  return $api.useQuery('get', '/v1/reviews', { params: { query: { ...query, status, limit: 1, offset: 0 } } }, { select: (data) => data.total, enabled });
}

export function useDecide() {
  return $api.useMutation('patch', '/v1/matches/{id}');
}

export function useBulkDecide() {
  return $api.useMutation('post', '/v1/matches/bulk');
}

/** After decisions: counts and lists are stale (the open page keeps its rows until refetched). */
export function useInvalidateReviews() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/reviews'] });
}
