import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient, setUnauthorizedHandler } from '../api/client';
import { I18nProvider } from '../i18n/i18n';
import { ShortcutSettingsProvider } from '../shortcuts/settings';
import { router } from './router';

setUnauthorizedHandler(() => {
  // Only for a session that ends while in use. Until one is known (a start-up prefetch answered
  // 401 while the router may still be starting), RequireSession does the redirect.
  if (!queryClient.getQueryData(['get', '/v1/auth/session', {}])) return;
  // The router's own location carries the basename; `next` is a path inside the console.
  const { pathname: full, search } = window.location;
  const basename = router.basename ?? '';
  const pathname = full.startsWith(basename) ? full.slice(basename.length) || '/' : full;
  if (pathname.startsWith('/sign-in')) return;
  queryClient.clear();
  void router.navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ShortcutSettingsProvider>
          <RouterProvider router={router} />
        </ShortcutSettingsProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
