import { Navigate, Outlet } from 'react-router';
import { useSession, type Session } from '../api/session';
import { useDocumentTitle, useT } from '../i18n/i18n';
import { Alert } from '../ui/Alert';
import { Link } from '../ui/Link';
import { Heading1, Paragraph } from '../ui/Typography';

type Role = Session['role'];

/** Where each role starts: partners on their own suggestions, the team on the review queue. */
export function homeOf(role: Role | undefined): string {
  return role === 'partner' ? '/for-you' : '/review';
}

export function Home() {
  return <Navigate to={homeOf(useSession().data?.role)} replace />;
}

/** Back to the signed-in role's own start page (a partner never lands on a team screen). */
export function HomeLink() {
  const t = useT();
  const role = useSession().data?.role;
  return (
    <Paragraph>
      <Link to={homeOf(role)}>{t(role === 'partner' ? 'nav.forYou' : 'nav.review')}</Link>
    </Paragraph>
  );
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
      <HomeLink />
    </>
  );
}

/** The screens of one audience: the API refuses the others anyway, the console says so plainly. */
export function RequireRole({ roles }: { roles: Role[] }) {
  const role = useSession().data?.role;
  return role && roles.includes(role) ? <Outlet /> : <Forbidden />;
}
