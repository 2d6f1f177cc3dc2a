import { useQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from 'react-router';
import { useIsAdmin, useSession, useSignOut } from '../api/session';
import { useI18n, useT, type Lang } from '../i18n/i18n';
import { Button } from '../ui/Button';
import { NavLink } from '../ui/Link';
import { useShortcutSettings } from '../shortcuts/settings';

/** bull-board is mounted only when jobs run on BullMQ: link to it only when it answers. */
function useQueueDashboard(enabled: boolean) {
  return useQuery({
    queryKey: ['queue-dashboard'],
    enabled,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => (await fetch('/admin/queues', { method: 'HEAD', credentials: 'same-origin', redirect: 'manual' })).status !== 404,
  });
}

/** The dev mailbox exists only without SMTP_URL (404 otherwise): link to it only when it answers. */
function useDevMailboxOpen(enabled: boolean) {
  return useQuery({
    queryKey: ['dev-mailbox-open'],
    enabled,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => (await fetch('/v1/dev/mailbox?limit=1', { credentials: 'same-origin' })).ok,
  });
}

function PartnerNav() {
  const t = useT();
  return (
    <>
      <li className="utrecht-nav-list__item">
        <NavLink to="/for-you">{t('nav.forYou')}</NavLink>
      </li>
      <li className="utrecht-nav-list__item">
        <NavLink to="/introductions">{t('nav.introductions')}</NavLink>
      </li>
      <li className="utrecht-nav-list__item">
        <NavLink to="/profile">{t('nav.profile')}</NavLink>
      </li>
      <li className="utrecht-nav-list__item">
        <NavLink to="/my-data">{t('nav.myData')}</NavLink>
      </li>
    </>
  );
}

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const queues = useQueueDashboard(isAdmin);
  const mailbox = useDevMailboxOpen(isAdmin);
  const isPartner = session.data?.role === 'partner';
  const { enabled: shortcutsOn, setEnabled: setShortcutsOn } = useShortcutSettings();

  const onSignOut = () =>
    signOut.mutate(
      {},
      { onSettled: () => void navigate('/sign-in', { replace: true }) },
    );

  return (
    <div className="pm-app">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('nav.skip')}
      </a>
      <header className="pm-header">
        <nav className="utrecht-nav-bar pm-nav" aria-label={t('nav.label')}>
          <div className="utrecht-nav-bar__content pm-nav__content">
            <span className="pm-brand">
              Partnermatch <span className="pm-brand__sub">{t(isPartner ? 'app.subtitlePartner' : 'app.subtitle')}</span>
            </span>
            <ul className="utrecht-nav-list pm-nav__list">
              {isPartner ? (
                <PartnerNav />
              ) : (
                <>
                  <li className="utrecht-nav-list__item">
                    <NavLink to="/review">{t('nav.review')}</NavLink>
                  </li>
                  <li className="utrecht-nav-list__item">
                    <NavLink to="/partners">{t('nav.partners')}</NavLink>
                  </li>
                  <li className="utrecht-nav-list__item">
                    <NavLink to="/map">{t('nav.map')}</NavLink>
                  </li>
                  <li className="utrecht-nav-list__item">
                    <NavLink to="/matching">{t('nav.matching')}</NavLink>
                  </li>
                  <li className="utrecht-nav-list__item">
                    <NavLink to="/insights">{t('nav.insights')}</NavLink>
                  </li>
                </>
              )}
              {isAdmin && (
                <li className="utrecht-nav-list__item">
                  <NavLink to="/people">{t('nav.people')}</NavLink>
                </li>
              )}
              {isAdmin && mailbox.data && (
                <li className="utrecht-nav-list__item">
                  <NavLink to="/dev/mailbox">{t('nav.mailbox')}</NavLink>
                </li>
              )}
              {isAdmin && queues.data && (
                <li className="utrecht-nav-list__item">
                  <a className="utrecht-nav-list__link" href="/admin/queues">
                    {t('nav.queues')}
                  </a>
                </li>
              )}
            </ul>
          </div>
        </nav>
        <div className="pm-toolbar">
          <span className="pm-toolbar__who">
            {session.data && t('nav.signedInAs', { name: session.data.name, role: t(`role.${session.data.role}` as const) })}
          </span>
          <div className="pm-toolbar__actions">
            <label className="pm-inline-field">
              <span>{t('nav.language')}</span>
              <select className="utrecht-select utrecht-select--html-select pm-select-small" value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
            </label>
            <label className="pm-inline-field">
              <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={shortcutsOn} onChange={(event) => setShortcutsOn(event.target.checked)} />
              <span>{t('shortcuts.setting')}</span>
            </label>
            <Button appearance="secondary-action-button" onClick={onSignOut} busy={signOut.isPending}>
              {t('nav.signOut')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="pm-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
