import type { paths } from '../../../api/schema';
import { $api, type Schemas } from '../../../api/client';

export type Funnel = Schemas['FunnelDto'];
export type FunnelCounts = Pick<Funnel, 'steps' | 'interestedBothSides' | 'bothSidesRate'>;
export type FunnelStep = Schemas['FunnelStepDto'];
export type FunnelFilters = NonNullable<paths['/v1/insights/funnel']['get']['parameters']['query']>;

/** The outcome funnel for the filters in the URL; impressions land a few seconds after a read, so it is refetched on opening. */
export function useFunnel(filters: FunnelFilters) {
  return $api.useQuery('get', '/v1/insights/funnel', { params: { query: filters } }, { staleTime: 0 });
}
