import { useRouteError } from 'react-router';
import { useT } from '../i18n/i18n';
import { Alert } from '../ui/Alert';
import { Heading1 } from '../ui/Typography';

/** A chunk that failed to load or a render error: say so instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const t = useT();
  return (
    <main id="main" className="pm-main">
      <Heading1>{t('state.error')}</Heading1>
      <Alert type="error">
        <p className="utrecht-paragraph">{error instanceof Error ? error.message : String(error)}</p>
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href="/console/">
            {t('state.reload')}
          </a>
        </p>
      </Alert>
    </main>
  );
}
