import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/session';
import { asProblem } from '../api/errors';
import { ErrorState, Loading } from '../ui/States';

/** Every screen but sign-in needs a session; without one, go to sign-in and come back after. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <main id="main" className="pm-main">
        <Loading />
      </main>
    );
  }
  if (session.isError) {
    if (asProblem(session.error).status === 401) {
      return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
    }
    return (
      <main id="main" className="pm-main">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  return <Outlet />;
}
