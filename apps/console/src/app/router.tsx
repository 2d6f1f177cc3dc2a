import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './Layout';
import { RequireSession } from './RequireSession';
import { RouteError } from './RouteError';
import { prefetchQueue } from '../features/review/api/prefetch';

// Each screen is its own chunk: the sign-in page and the queue load without the map or charts.
export const router = createBrowserRouter(
  [
    {
      path: '/sign-in',
      lazy: async () => ({ Component: (await import('../features/me/components/SignInPage')).SignInPage }),
      errorElement: <RouteError />,
    },
    {
      element: <RequireSession />,
      errorElement: <RouteError />,
      children: [
        {
          element: <Layout />,
          children: [
            { index: true, element: <Navigate to="/review" replace /> },
            { path: 'review', lazy: async () => ({ Component: (await import('../features/review/components/ReviewPage')).ReviewPage }) },
            { path: 'pairs/:id', lazy: async () => ({ Component: (await import('../features/pairs/components/PairPage')).PairPage }) },
            { path: 'partners', lazy: async () => ({ Component: (await import('../features/partners/components/PartnersPage')).PartnersPage }) },
            { path: 'partners/:slug', lazy: async () => ({ Component: (await import('../features/partners/components/PartnerPage')).PartnerPage }) },
            { path: 'map', lazy: async () => ({ Component: (await import('../features/map/components/MapPage')).MapPage }) },
            { path: 'matching', lazy: async () => ({ Component: (await import('../features/matching/components/MatchingPage')).MatchingPage }) },
            { path: '*', lazy: async () => ({ Component: (await import('./NotFound')).NotFound }) },
          ],
        },
      ],
    },
  ],
  { basename: '/console' },
);

if (window.location.pathname.replace(/\/+$/, '').match(/^\/console(\/review)?$/)) prefetchQueue();
