import { Navigate, Outlet } from 'react-router';
import { useSession, type Session } from '../api/session';
import { useDocumentTitle, useT } from '../i18n/i18n';
import { Alert } from '../ui/Alert';
import { Heading1 } from '../ui/Typography';

type Role = Session['role'];

/** Where each role starts: partners on their own suggestions, the team on the review queue. */
export function homeOf(role: Role | undefined): string {
  return role === 'partner' ? '/for-you' : '/review';
}

export function Home() {
  return <Navigate to={homeOf(useSession().data?.role)} replace />;
}

function Forbidden() {
  const t = useT();
  useDocumentTitle(t('forbidden.title'));
  return (
    <>
      <Heading1>{t('forbidden.title')}</Heading1>
      <Alert type="error">
        <p className="utrecht-paragraph">{t('forbidden.text')}</p>
      </Alert>
    </>
  );
}

/** The screens of one audience: the API refuses the others anyway, the console says so plainly. */
export function RequireRole({ roles }: { roles: Role[] }) {
  const role = useSession().data?.role;
  return role && roles.includes(role) ? <Outlet /> : <Forbidden />;
}
