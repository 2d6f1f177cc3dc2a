import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from '../../../api/client';

export type Person = Schemas['PersonDto'];
export type NewPerson = Schemas['CreatePersonDto'];
export type ErasureRequest = Schemas['ErasureRequestDto'];

export function usePeople() {
  return $api.useQuery('get', '/v1/people');
}

/** The partners a contact can belong to, by name. */
export function usePartnerChoices() {
  return $api.useQuery('get', '/v1/partners', { params: { query: { limit: 500 } } }, { staleTime: 60_000 });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/people'] });
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return $api.useMutation('post', '/v1/people', { onSuccess: () => invalidate() });
}

export function useUpdatePerson() {
  const invalidate = useInvalidatePeople();
  return $api.useMutation('patch', '/v1/people/{id}', { onSuccess: () => invalidate() });
}

export function useDeletePerson() {
  const invalidate = useInvalidatePeople();
  return $api.useMutation('delete', '/v1/people/{id}', { onSuccess: () => invalidate() });
}

export function useErasureRequests() {
  return $api.useQuery('get', '/v1/erasure-requests');
}

function useInvalidateErasure() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['get', '/v1/erasure-requests'] });
    void queryClient.invalidateQueries({ queryKey: ['get', '/v1/people'] });
    void queryClient.invalidateQueries({ queryKey: ['get', '/v1/partners'] });
  };
}

/** Confirms a request: the partner is erased, its people and the request with it. */
export function useConfirmErasure() {
  const invalidate = useInvalidateErasure();
  return $api.useMutation('delete', '/v1/partners/{idOrSlug}', { onSuccess: () => invalidate() });
}

export function useDeclineErasure() {
  const invalidate = useInvalidateErasure();
  return $api.useMutation('delete', '/v1/partners/{idOrSlug}/erasure-request', { onSuccess: () => invalidate() });
}
