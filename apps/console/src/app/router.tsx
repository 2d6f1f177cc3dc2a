import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { Home, RequireRole } from './RequireRole';
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
      path: '/sign-in/link',
      lazy: async () => ({ Component: (await import('../features/sign-in-link/components/SignInLinkPage')).SignInLinkPage }),
      errorElement: <RouteError />,
    },
    {
      element: <RequireSession />,
      errorElement: <RouteError />,
      children: [
        {
          element: <Layout />,
          children: [
            { index: true, element: <Home /> },
            {
              element: <RequireRole roles={['partner']} />,
              children: [
                { path: 'for-you', lazy: async () => ({ Component: (await import('../features/for-you/components/ForYouPage')).ForYouPage }) },
                { path: 'introductions', lazy: async () => ({ Component: (await import('../features/introductions/components/IntroductionsPage')).IntroductionsPage }) },
                { path: 'profile', lazy: async () => ({ Component: (await import('../features/profile/components/ProfilePage')).ProfilePage }) },
                { path: 'my-data', lazy: async () => ({ Component: (await import('../features/my-data/components/MyDataPage')).MyDataPage }) },
              ],
            },
            {
              element: <RequireRole roles={['admin']} />,
              children: [
                { path: 'people', lazy: async () => ({ Component: (await import('../features/people/components/PeoplePage')).PeoplePage }) },
                { path: 'dev/mailbox', lazy: async () => ({ Component: (await import('../features/mailbox/components/MailboxPage')).MailboxPage }) },
                { path: 'dev/mailbox/:id', lazy: async () => ({ Component: (await import('../features/mailbox/components/MailPage')).MailPage }) },
              ],
            },
            {
              element: <RequireRole roles={['admin', 'team']} />,
              children: [
                { path: 'review', lazy: async () => ({ Component: (await import('../features/review/components/ReviewPage')).ReviewPage }) },
                { path: 'pairs/:id', lazy: async () => ({ Component: (await import('../features/pairs/components/PairPage')).PairPage }) },
                { path: 'partners', lazy: async () => ({ Component: (await import('../features/partners/components/PartnersPage')).PartnersPage }) },
                { path: 'partners/:slug', lazy: async () => ({ Component: (await import('../features/partners/components/PartnerPage')).PartnerPage }) },
                { path: 'map', lazy: async () => ({ Component: (await import('../features/map/components/MapPage')).MapPage }) },
                { path: 'matching', lazy: async () => ({ Component: (await import('../features/matching/components/MatchingPage')).MatchingPage }) },
                { path: 'insights', lazy: async () => ({ Component: (await import('../features/insights/components/InsightsPage')).InsightsPage }) },
              ],
            },
            { path: '*', lazy: async () => ({ Component: (await import('./NotFound')).NotFound }) },
          ],
        },
      ],
    },
  ],
  { basename: '/console' },
);

if (window.location.pathname.replace(/\/+$/, '').match(/^\/console(\/review)?$/)) prefetchQueue();
