import { asProblem } from '../../../api/errors';
import { useI18n } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { useProblemTitle } from '../../../ui/States';

/** Why a profile could not be saved or previewed: field errors, another version or run first, or what the API said. */
export function ProfileProblem({ failure }: { failure: unknown }) {
  const { t } = useI18n();
  const problemTitle = useProblemTitle();
  if (!failure) return null;
  const problem = asProblem(failure);
  const title = problem.status === 400 ? t('partner.fixErrors') : problem.status === 409 ? t('matching.conflict') : problemTitle(failure, { forbidden: t('matching.forbidden') });
  return <Alert type="error" title={title}>{problem.detail && problem.status !== 503 && <p className="utrecht-paragraph">{problem.detail}</p>}</Alert>;
}
