import { useQueryClient } from '@tanstack/react-query';
import { $api, type Schemas } from './client';

export type Session = Schemas['SessionDto'];

/** The signed-in team member (from the HttpOnly session cookie, which the page never reads). */
export function useSession() {
  return $api.useQuery('get', '/v1/auth/session', {}, { retry: false, staleTime: 5 * 60_000 });
}

export function useIsAdmin(): boolean {
  return useSession().data?.role === 'admin';
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return $api.useMutation('post', '/v1/auth/session', {
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(['get', '/v1/auth/session', {}], session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return $api.useMutation('delete', '/v1/auth/session', {
    onSettled: () => queryClient.clear(),
  });
}
