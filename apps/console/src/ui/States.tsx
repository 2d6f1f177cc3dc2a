import type { ReactNode } from 'react';
import { Alert } from './Alert';
import { asProblem } from '../api/errors';
import { useT } from '../i18n/i18n';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="utrecht-paragraph pm-loading" role="status" aria-live="polite">
      <span className="pm-spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="pm-empty">{children}</div>;
}

/**
 * The headline for a failed request: 503 = temporarily unavailable, 403 = what this role may not
 * do (the screen says what), 404, no connection, else `fallback` (the API's detail goes below it).
 */
export function useProblemTitle() {
  const t = useT();
  return (error: unknown, { forbidden, fallback }: { forbidden?: string; fallback?: string } = {}): string => {
    const { status } = asProblem(error);
    if (status === 503) return t('state.unavailable');
    if (status === 403) return forbidden ?? t('state.forbidden');
    if (status === 404) return t('state.notFound');
    if (status === 0) return t('state.offline');
    return fallback ?? t('state.error');
  };
}

export function ErrorState({ error, forbidden, onRetry }: { error: unknown; forbidden?: string; onRetry?: () => void }) {
  const t = useT();
  const problemTitle = useProblemTitle();
  const problem = asProblem(error);
  return (
    <Alert type={problem.status === 503 || problem.status === 0 ? 'warning' : 'error'} title={problemTitle(error, { forbidden })}>
      {problem.detail && problem.status !== 503 && <p className="utrecht-paragraph">{problem.detail}</p>}
      {onRetry && (
        <p className="utrecht-paragraph">
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onRetry}>
            {t('state.retry')}
          </button>
        </p>
      )}
    </Alert>
  );
}
