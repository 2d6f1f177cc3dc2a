import createFetchClient, { type Middleware } from 'openapi-fetch';
import createClient from 'openapi-react-query';
import { QueryClient } from '@tanstack/react-query';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

let onUnauthorized: (() => void) | null = null;
/** The app registers where a 401 leads (the sign-in page with ?next=). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

const consoleHeaders: Middleware = {
  onRequest({ request }) {
    // The API's CSRF rule for cookie sessions: unsafe methods carry this header, which a
    // cross-site HTML form cannot set. Sent on every request to keep it simple.
    request.headers.set('X-Partnermatch-Console', '1');
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/v1/auth/session')) onUnauthorized?.();
    return response;
  },
};

export const fetchClient = createFetchClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
fetchClient.use(consoleHeaders);

export const $api = createClient(fetchClient);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => count < 1 && !(typeof error === 'object' && error && 'status' in error && Number((error as { status: unknown }).status) < 500),
    },
  },
});
