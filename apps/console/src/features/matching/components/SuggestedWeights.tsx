import { useState } from 'react';
import { COMPONENT_KEYS } from '../../../api/profile';
import { asProblem } from '../../../api/errors';
import { useI18n } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { LiveRegion } from '../../../ui/LiveRegion';
import { ErrorState } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading2, Paragraph } from '../../../ui/Typography';
import { useSuggestWeights, type Settings, type WeightSuggestion } from '../api/matching';

interface Props {
  /** Runs the page's what-if preview on these settings (its result shows where the page's own does). */
  onPreview: (settings: Settings) => void;
  /** Saves these settings as the new profile version (the page follows the run). */
  onSave: (settings: Settings, basedOnVersion: number) => void;
  previewing: boolean;
  saving: boolean;
}

/** How many more decisions of each kind the 422 says are needed ("5 more needed (at least 30)"). */
function shortfall(error: unknown): { positive: number; negative: number; minimum: number; have: { positive: number; negative: number } } | null {
  const problem = asProblem(error);
  if (problem.status !== 422) return null;
  const result = { positive: 0, negative: 0, minimum: 0, have: { positive: 0, negative: 0 } };
  for (const item of problem.errors ?? []) {
    const kind = item.field === 'decisions.positive' ? 'positive' : item.field === 'decisions.negative' ? 'negative' : null;
    if (!kind) continue;
    result[kind] = Number(/^(\d+) more/.exec(item.message)?.[1] ?? 0);
    result.have[kind] = typeof item.value === 'number' ? item.value : 0;
    result.minimum = result.have[kind] + result[kind];
  }
  return result;
}

function Proposal({ suggestion }: { suggestion: WeightSuggestion }) {
  const { t, number } = useI18n();
  const constant = new Set<string>(suggestion.constant);
  return (
    <>
      <dl className="pm-stats">
        <div>
          <dt>{t('suggest.decisions')}</dt>
          <dd data-testid="suggest-decisions">{t('suggest.decisionsValue', { positive: number(suggestion.decisions.positive), negative: number(suggestion.decisions.negative) })}</dd>
        </div>
        <div>
          <dt>{t('suggest.aucCurrent', { folds: suggestion.auc.folds })}</dt>
          <dd>{number(suggestion.auc.current, 3)}</dd>
        </div>
        <div>
          <dt>{t('suggest.aucProposed', { folds: suggestion.auc.folds })}</dt>
          <dd>{number(suggestion.auc.proposed, 3)}</dd>
        </div>
      </dl>
      <Table caption={t('suggest.caption')}>
        <THead>
          <Tr>
            <Th scope="col">{t('suggest.component')}</Th>
            <Th scope="col" numeric>
              {t('suggest.current')}
            </Th>
            <Th scope="col" numeric>
              {t('suggest.proposed')}
            </Th>
            <Th scope="col" numeric>
              {t('matching.change')}
            </Th>
            <Th scope="col" numeric>
              {t('suggest.coefficient')}
            </Th>
          </Tr>
        </THead>
        <TBody>
          {COMPONENT_KEYS.map((key) => {
            const current = suggestion.currentWeights[key];
            const proposed = suggestion.proposed.weights[key];
            const change = proposed - current;
            return (
              <Tr key={key} data-component={key}>
                <Th scope="row">
                  {t(`component.${key}` as const)}
                  {constant.has(key) && <span className="pm-hint">{t('suggest.constant')}</span>}
                </Th>
                <Td numeric>{number(current, 3)}</Td>
                <Td numeric>{number(proposed, 3)}</Td>
                <Td numeric>{Math.abs(change) < 0.0005 ? '—' : `${change > 0 ? '+' : '−'}${number(Math.abs(change), 3)}`}</Td>
                <Td numeric>{constant.has(key) ? '—' : number(suggestion.coefficients[key], 2)}</Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </>
  );
}

/** The suggested weights beside today's: preview them, save them as the new profile, or leave them. */
export function SuggestedWeights({ onPreview, onSave, previewing, saving }: Props) {
  const { t, number } = useI18n();
  const suggest = useSuggestWeights();
  const [dismissed, setDismissed] = useState(false);
  const [message, setMessage] = useState('');
  const short = suggest.error ? shortfall(suggest.error) : null;

  const compute = () => {
    setDismissed(false);
    suggest.mutate({}, { onSuccess: (result) => setMessage(t('suggest.ready', { positive: result.decisions.positive, negative: result.decisions.negative })) });
  };
  const dismiss = () => {
    setDismissed(true);
    setMessage(t('suggest.dismissed'));
  };

  return (
    <section className="pm-card pm-section" aria-labelledby="suggest-heading">
      <Heading2 id="suggest-heading">{t('suggest.title')}</Heading2>
      <Paragraph className="pm-muted">{t('suggest.lead')}</Paragraph>
      <LiveRegion message={message} />
      <div className="utrecht-button-group">
        <Button type="button" appearance="secondary-action-button" onClick={compute} busy={suggest.isPending}>
          {t('suggest.compute')}
        </Button>
      </div>
      {short ? (
        <Alert type="warning" title={t('suggest.tooFewTitle')}>
          <p className="utrecht-paragraph">{t('suggest.tooFew', { positive: number(short.have.positive), negative: number(short.have.negative), minimum: number(short.minimum) })}</p>
          <ul className="utrecht-unordered-list">
            {short.positive > 0 && <li className="utrecht-unordered-list__item">{t('suggest.needPositive', { count: number(short.positive) })}</li>}
            {short.negative > 0 && <li className="utrecht-unordered-list__item">{t('suggest.needNegative', { count: number(short.negative) })}</li>}
          </ul>
        </Alert>
      ) : suggest.isError ? (
        <ErrorState error={suggest.error} forbidden={t('matching.forbidden')} />
      ) : null}
      {suggest.data && !dismissed && (
        <>
          <Proposal suggestion={suggest.data} />
          <div className="utrecht-button-group">
            <Button type="button" appearance="secondary-action-button" onClick={() => onPreview(suggest.data.proposed)} busy={previewing}>
              {t('suggest.preview')}
            </Button>
            <Button type="button" appearance="primary-action-button" onClick={() => onSave(suggest.data.proposed, suggest.data.basedOnVersion)} busy={saving}>
              {t('suggest.save')}
            </Button>
            <Button type="button" appearance="subtle-button" onClick={dismiss}>
              {t('suggest.dismiss')}
            </Button>
          </div>
        </>
      )}
      {suggest.data && dismissed && <Paragraph>{t('suggest.dismissedText')}</Paragraph>}
    </section>
  );
}
