import { useQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from 'react-router';
import { useIsAdmin, useSession, useSignOut } from '../api/session';
import { useI18n, type Lang } from '../i18n/i18n';
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

export function Layout() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const queues = useQueueDashboard(isAdmin);
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
              Partnermatch <span className="pm-brand__sub">{t('app.subtitle')}</span>
            </span>
            <ul className="utrecht-nav-list pm-nav__list">
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
            {session.data && t('nav.signedInAs', { name: session.data.name, role: t(session.data.role === 'admin' ? 'role.admin' : 'role.team') })}
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
