import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../../i18n/i18n';
import { LiveRegion } from '../../../ui/LiveRegion';
import { Loading } from '../../../ui/States';
import { useRun } from '../api/matching';

/** The progress of the full run a save started, followed until it completes or fails. */
export function RunProgress({ runId }: { runId: string }) {
  const { t, number } = useI18n();
  const run = useRun(runId);
  const queryClient = useQueryClient();
  const status = run.data?.status;
  useEffect(() => {
    if (status === 'completed' || status === 'failed') void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matching/runs'] });
  }, [status, queryClient]);
  if (!run.data) return <Loading />;
  const progress = Math.round(run.data.progress);
  return (
    <div className="pm-card pm-section pm-progress" aria-labelledby="progress-label">
      <p className="utrecht-paragraph" id="progress-label">
        <strong>{t('matching.runProgress')}</strong> {t(`run.${run.data.status}` as const)} · {number(progress)}%
      </p>
      <progress max={100} value={progress} aria-labelledby="progress-label" className="pm-progress__bar" />
      <LiveRegion message={status === 'completed' ? t('matching.runCompleted') : status === 'failed' ? t('matching.runFailed', { error: run.data.error ?? '' }) : ''} visible={status === 'completed' || status === 'failed'} />
    </div>
  );
}
