import { useQueryClient, type Query } from '@tanstack/react-query';
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
  if (params.get('purpose') === 'kennisdelen') query.purpose = 'kennisdelen';
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

/** The queue's filters without its status, page and language: what the counts per status take. */
export type CountsQuery = NonNullable<paths['/v1/reviews/counts']['get']['parameters']['query']>;

/**
 * Counts per status under the same filters, in one request. `enabled` once the list is in: the
 * embedded database answers one query at a time, so a count ahead of the list would make the
 * first row wait for it.
 */
export function useStatusCounts(query: CountsQuery, enabled = true) {
  return $api.useQuery('get', '/v1/reviews/counts', { params: { query } }, { select: (data) => data.counts, enabled });
}

export function useDecide() {
  return $api.useMutation('patch', '/v1/matches/{id}');
}

export function useBulkDecide() {
  return $api.useMutation('post', '/v1/matches/bulk');
}

/** Every query of the review routes: the lists, the counts per status and single pairs. */
export const isReviewQuery = (query: Query) => typeof query.queryKey[1] === 'string' && query.queryKey[1].startsWith('/v1/reviews');

/** After decisions: counts and lists are stale (the open page keeps its rows until refetched). */
export function useInvalidateReviews() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: isReviewQuery });
}
