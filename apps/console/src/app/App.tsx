import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient, setUnauthorizedHandler } from '../api/client';
import { I18nProvider } from '../i18n/i18n';
import { ShortcutSettingsProvider } from '../shortcuts/settings';
import { router } from './router';

setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  // Before the first render (a start-up prefetch answered 401) RequireSession does the redirect;
  // navigating while the router still initialises lands on /console/console/….
  if (pathname.startsWith('/sign-in') || !router.state.initialized) return;
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
