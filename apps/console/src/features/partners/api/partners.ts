import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type Partner = Schemas['PartnerDto'];
export type PartnerQuery = NonNullable<paths['/v1/partners']['get']['parameters']['query']>;
export type PartnerUpdate = Schemas['UpdatePartnerDto'];

export function usePartners(query: PartnerQuery) {
  return $api.useQuery('get', '/v1/partners', { params: { query } }, { placeholderData: (previous) => previous });
}

export function usePartner(idOrSlug: string) {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}', { params: { path: { idOrSlug } } });
}

export type SuggestionPurpose = 'samenwerken' | 'kennisdelen';

export function useTeamSuggestions(idOrSlug: string, lang: 'nl' | 'en', purpose: SuggestionPurpose = 'samenwerken') {
  return $api.useQuery('get', '/v1/partners/{idOrSlug}/suggestions', { params: { path: { idOrSlug }, query: { view: 'team', lang, limit: 100, purpose } } });
}

export function useConnections(partner: string) {
  return $api.useQuery('get', '/v1/connections', { params: { query: { partner, limit: 500 } } });
}

export function useUpdatePartner() {
  const queryClient = useQueryClient();
  return $api.useMutation('patch', '/v1/partners/{idOrSlug}', {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/partners'] }),
  });
}

export function useAddConnection() {
  const queryClient = useQueryClient();
  return $api.useMutation('post', '/v1/connections', {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/connections'] }),
  });
}

export function useRemoveConnection() {
  const queryClient = useQueryClient();
  return $api.useMutation('delete', '/v1/connections/{id}', {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/connections'] }),
  });
}
