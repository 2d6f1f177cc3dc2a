import { forwardRef, useId } from 'react';
import { scoreParts, type AnyComponentKey } from '../../../api/profile';
import { useLabel } from '../../../api/taxonomy';
import { useI18n } from '../../../i18n/i18n';
import { StatusBadge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Checkbox, Textbox } from '../../../ui/Controls';
import { Link } from '../../../ui/Link';
import { ScoreBar } from '../../../ui/ScoreBar';
import type { MatchStatus, ReviewItem } from '../api/reviews';

export const STATUS_TONE: Record<MatchStatus, 'neutral' | 'success' | 'danger' | 'warning' | 'active' | 'inactive'> = {
  pending: 'neutral',
  approved: 'success',
  rejected: 'danger',
  introduced: 'active',
  collaborating: 'success',
  declined: 'inactive',
};

export function pairTitle(item: Pick<ReviewItem, 'partnerA' | 'partnerB'>): string {
  return `${item.partnerA.name} – ${item.partnerB.name}`;
}

interface RowProps {
  item: ReviewItem;
  status: MatchStatus;
  nextStatuses: string[];
  /** The weights of the item's purpose, from its active profile. */
  weights: Partial<Record<AnyComponentKey, number>> | undefined;
  selected: boolean;
  busy: boolean;
  error: string | undefined;
  note: string;
  current: boolean;
  onNote: (note: string) => void;
  onSelect: (selected: boolean) => void;
  onDecide: (status: MatchStatus) => void;
  onFocusRow: () => void;
}

export const ReviewRow = forwardRef<HTMLLIElement, RowProps>(function ReviewRow(props, ref) {
  const { item, status, nextStatuses, weights, selected, busy, error, note, current, onNote, onSelect, onDecide, onFocusRow } = props;
  const { t, number } = useI18n();
  const label = useLabel();
  const titleId = useId();
  const title = pairTitle(item);
  const parts = weights ? scoreParts(item.components, weights, item.score) : [];
  const partsText = parts.map((part) => `${t(`component.${part.key}` as const)} ${part.points}`).join(', ');
  const feedbackBy = (partnerId: string) => (partnerId === item.partnerA.id ? item.partnerA.name : item.partnerB.name);

  const partner = (p: ReviewItem['partnerA']) => (
    <div className="pm-row__partner">
      <span className="pm-row__name">{p.name}</span>
      <span className="pm-row__meta">
        {label('sectors', p.sector)} · {p.gemeenten.slice(0, 2).map((code) => label('gemeenten', code)).join(', ')}
        {p.gemeenten.length > 2 ? ` +${p.gemeenten.length - 2}` : ''}
        {p.scope === 'national' ? ` · ${t('scope.national')}` : ''}
      </span>
    </div>
  );

  return (
    <li
      ref={ref}
      className={`pm-row${selected ? ' pm-row--selected' : ''}${status !== 'pending' ? ' pm-row--decided' : ''}`}
      tabIndex={current ? 0 : -1}
      aria-labelledby={titleId}
      data-match-id={item.id}
      data-status={status}
      onFocus={onFocusRow}
    >
      <div className="pm-row__select">
        <Checkbox checked={selected} onChange={(event) => onSelect(event.target.checked)} aria-label={t('review.selectPair', { pair: title })} />
      </div>
      <div className="pm-row__body">
        <div className="pm-row__head">
          <h2 className="utrecht-heading-3 pm-row__title" id={titleId}>
            <Link to={`/pairs/${item.id}`}>{title}</Link>
          </h2>
          <div className="pm-row__badges">
            <StatusBadge tone={STATUS_TONE[status]}>{t(`status.${status}` as const)}</StatusBadge>
            {item.mutualInterest && <StatusBadge tone="warning">{t('review.mutualInterest')}</StatusBadge>}
          </div>
        </div>
        <div className="pm-row__partners">
          {partner(item.partnerA)}
          {partner(item.partnerB)}
        </div>
        <div className="pm-row__score">
          <span className="pm-score" aria-label={t('review.scoreLabel', { score: number(item.score * 100) })}>
            {number(item.score * 100)}
          </span>
          {weights && <ScoreBar label={t('review.scoreParts', { parts: partsText })} parts={parts.map((part) => ({ ...part, label: t(`component.${part.key}` as const) }))} />}
          {item.distanceKm !== null && <span className="pm-row__distance">{t('review.distance', { km: number(item.distanceKm, item.distanceKm < 10 ? 1 : 0) })}</span>}
        </div>
        <ul className="pm-reasons">
          {item.reasons.slice(0, 3).map((reason) => (
            <li key={reason.code}>{reason.text}</li>
          ))}
        </ul>
        {item.feedback.length > 0 && (
          <ul className="pm-feedback" aria-label={t('review.feedback')}>
            {item.feedback.map((feedback) => (
              <li key={feedback.partnerId}>
                <strong>{feedbackBy(feedback.partnerId)}</strong>: {t(`verdict.${feedback.verdict}` as const)}
                {feedback.reason ? ` — ${feedback.reason}` : ''}
              </li>
            ))}
          </ul>
        )}
        {error && (
          <p className="utrecht-form-field-error-message pm-row__error" role="alert">
            {error}
          </p>
        )}
        <div className="pm-row__actions">
          <label className="pm-row__note">
            <span className="pm-visually-hidden">{t('review.noteFor', { pair: title })}</span>
            <Textbox value={note} placeholder={t('review.notePlaceholder')} onChange={(event) => onNote(event.target.value)} maxLength={2000} />
          </label>
          <div className="utrecht-button-group pm-row__buttons">
            <Button appearance="primary-action-button" disabled={busy || !nextStatuses.includes('approved')} onClick={() => onDecide('approved')} aria-label={`${t('action.approve')}: ${title}`}>
              {t('action.approve')}
            </Button>
            <Button appearance="secondary-action-button" disabled={busy || !nextStatuses.includes('rejected')} onClick={() => onDecide('rejected')} aria-label={`${t('action.reject')}: ${title}`}>
              {t('action.reject')}
            </Button>
            <Button appearance="secondary-action-button" disabled={busy || !nextStatuses.includes('introduced')} onClick={() => onDecide('introduced')} aria-label={`${t('action.introduce')}: ${title}`}>
              {t('action.introduce')}
            </Button>
          </div>
        </div>
      </div>
    </li>
  );
});

