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

/** 503 = temporarily unavailable, 403 = what this role may not do, 404, else the API's detail. */
export function ErrorState({ error, forbidden, onRetry }: { error: unknown; forbidden?: string; onRetry?: () => void }) {
  const t = useT();
  const problem = asProblem(error);
  const title =
    problem.status === 503
      ? t('state.unavailable')
      : problem.status === 403
        ? (forbidden ?? t('state.forbidden'))
        : problem.status === 404
          ? t('state.notFound')
          : problem.status === 0
            ? t('state.offline')
            : t('state.error');
  return (
    <Alert type={problem.status === 503 || problem.status === 0 ? 'warning' : 'error'} title={title}>
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
