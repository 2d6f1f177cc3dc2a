import { $api } from '../../../api/client';

/** Always the same 202, whether or not the address belongs to anyone. */
export function useRequestSignInLink() {
  return $api.useMutation('post', '/v1/auth/sign-in-link');
}
