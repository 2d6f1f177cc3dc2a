import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type ReviewItem = Schemas['ReviewItemDto'];
export type MatchStatus = ReviewItem['status'];
export type ReviewQuery = NonNullable<paths['/v1/reviews']['get']['parameters']['query']>;

export const STATUSES: MatchStatus[] = ['pending', 'approved', 'rejected', 'introduced', 'collaborating', 'declined'];
export const PAGE_SIZE = 20;

export function useReviews(query: ReviewQuery) {
  return $api.useQuery('get', '/v1/reviews', { params: { query } }, { placeholderData: (previous) => previous });
}

/** Counts per status under the same filters: six one-row pages, their totals. */
export function useStatusCount(query: ReviewQuery, status: MatchStatus) {
  return $api.useQuery('get', '/v1/reviews', { params: { query: { ...query, status, limit: 1, offset: 0 } } }, { select: (data) => data.total });
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
