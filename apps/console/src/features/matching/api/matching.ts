import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';
import { samenwerkenOnly, type KennisdelenComponentKey, type Purpose } from '../../../api/profile';

export { useKennisdelenProfile } from '../../../api/profile';
export type { Purpose } from '../../../api/profile';
export type Profile = Schemas['MatchingProfileDto'];
export type Settings = Schemas['MatchingProfileSettingsDto'];
export type KennisdelenProfile = Schemas['KennisdelenProfileDto'];
export type KennisdelenSettings = Schemas['SaveKennisdelenProfileDto'];
export type KennisdelenKey = KennisdelenComponentKey;
export type Run = Schemas['MatchingRunDto'];

/** The active samenwerken profile (no `purpose`: the request today's clients make). */
export function useProfile() {
  return $api.useQuery('get', '/v1/matching/profile', {}, { select: samenwerkenOnly });
}

/** The purpose's versions, newest first. */
export function useVersions(purpose: Purpose) {
  return $api.useQuery('get', '/v1/matching/profile/versions', { params: { query: { limit: 20, purpose } } });
}

export function useRuns() {
  return $api.useQuery('get', '/v1/matching/runs', { params: { query: { limit: 20 } } });
}

/** Follows one run until it completes or fails (polling once a second). */
export function useRun(id: string | undefined) {
  return $api.useQuery('get', '/v1/matching/runs/{id}', { params: { path: { id: id ?? '' } } }, {
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && (query.state.data.status === 'completed' || query.state.data.status === 'failed') ? false : 1000),
  });
}

export function usePreview() {
  return $api.useMutation('post', '/v1/matching/profile/preview');
}

/** Saves a version of either purpose's profile (`params.query.purpose` says which). */
export function useSave() {
  const queryClient = useQueryClient();
  return $api.useMutation('put', '/v1/matching/profile', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matching/profile'] });
      void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matching/profile/versions'] });
      void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matching/runs'] });
    },
  });
}

export type WeightSuggestion = Schemas['WeightSuggestionDto'];

/** Weights learnt from the decisions (POST, computed on demand; never applied by itself). */
export function useSuggestWeights() {
  return $api.useMutation('post', '/v1/matching/profile/suggest');
}
