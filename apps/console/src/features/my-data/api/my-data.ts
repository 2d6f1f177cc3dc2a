import { useQuery, useQueryClient } from '@tanstack/react-query';
import { $api, fetchClient } from '../../../api/client';

export function useMe() {
  return $api.useQuery('get', '/v1/me', {}, { retry: false });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return $api.useMutation('patch', '/v1/me', {
    onSuccess: (me) => queryClient.setQueryData(['get', '/v1/me', {}], me),
  });
}

/** The open erasure request, or null: the API answers 404 when there is none. */
export function useErasureRequest(partner: string) {
  return useQuery({
    queryKey: ['erasure-request', partner],
    queryFn: async () => {
      const { data, error, response } = await fetchClient.GET('/v1/partners/{idOrSlug}/erasure-request', { params: { path: { idOrSlug: partner } } });
      if (response.status === 404) return null;
      if (error) throw error;
      return data;
    },
  });
}

export function useRequestErasure(partner: string) {
  const queryClient = useQueryClient();
  return $api.useMutation('post', '/v1/partners/{idOrSlug}/erasure-request', {
    onSuccess: (request) => queryClient.setQueryData(['erasure-request', partner], request),
  });
}

/** The export as a file the browser saves: fetched with the session, never opened as a page. */
export async function downloadExport(partner: string): Promise<void> {
  const { data, error } = await fetchClient.GET('/v1/partners/{idOrSlug}/export', { params: { path: { idOrSlug: partner } } });
  if (error || !data) throw error ?? new Error('empty export');
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `partnermatch-${partner}-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
