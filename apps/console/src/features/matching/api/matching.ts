import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';

export type Profile = Schemas['MatchingProfileDto'];
export type Settings = Schemas['MatchingProfileSettingsDto'];
export type Run = Schemas['MatchingRunDto'];

export function useProfile() {
  return $api.useQuery('get', '/v1/matching/profile');
}

export function useVersions() {
  return $api.useQuery('get', '/v1/matching/profile/versions', { params: { query: { limit: 20 } } });
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
