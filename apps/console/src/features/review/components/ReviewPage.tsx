import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { componentKeysFor, usePurposeWeights } from '../../../api/profile';
import { asProblem } from '../../../api/errors';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { ShortcutHelp } from '../../../shortcuts/ShortcutHelp';
import { useShortcutSettings } from '../../../shortcuts/settings';
import { useShortcuts } from '../../../shortcuts/useShortcuts';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { LiveRegion } from '../../../ui/LiveRegion';
import { Empty, ErrorState, Loading, useProblemTitle } from '../../../ui/States';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { isReviewQuery, PAGE_SIZE, queueQuery, STATUSES, useBulkDecide, useDecide, useReviews, useStatusCounts, type MatchStatus, type ReviewItem } from '../api/reviews';
import { ReviewFilters } from './ReviewFilters';
import { pairTitle, ReviewRow } from './ReviewRow';

interface Overlay {
  status: MatchStatus;
  nextStatuses: string[];
}

/** The last decision, so it can be undone (back to pending). */
interface LastDecision {
  ids: string[];
  to: MatchStatus;
  label: string;
}

function StatusCount({ status, count, failed, active, onChoose }: { status: MatchStatus; count: number | undefined; failed: boolean; active: boolean; onChoose: () => void }) {
  const { t, number } = useI18n();
  return (
    <li>
      <button type="button" className={`pm-count${active ? ' pm-count--active' : ''}`} aria-pressed={active} onClick={onChoose}>
        <span className="pm-count__label">{t(`status.${status}` as const)}</span>
        <span className="pm-count__value">{failed ? '—' : count === undefined ? '…' : number(count)}</span>
      </button>
    </li>
  );
}

export function ReviewPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('review.title'));
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queueQuery(params, lang), [params, lang]);
  const countQuery = useMemo(() => {
    const { status: _status, limit: _limit, offset: _offset, lang: _lang, ...rest } = query;
    return rest;
  }, [query]);
  const reviews = useReviews(query);
  const counts = useStatusCounts(countQuery, !reviews.isPending);
  const purpose = query.purpose ?? 'samenwerken';
  const weights = usePurposeWeights(purpose);
  const decide = useDecide();
  const bulk = useBulkDecide();
  const queryClient = useQueryClient();
  const { enabled: shortcutsOn } = useShortcutSettings();
  const problemTitle = useProblemTitle();
  /** A refused decision in the row's words: what the role may not do, the service down, else the API's detail. */
  const refusal = (error: unknown) => {
    const problem = asProblem(error);
    return problem.status === 403 || problem.status === 503 || problem.status === 0 ? problemTitle(error, { forbidden: t('review.forbidden') }) : problem.detail || problem.title;
  };

  const [overlay, setOverlay] = useState<Record<string, Overlay>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [bulkNote, setBulkNote] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [last, setLast] = useState<LastDecision | null>(null);
  const [currentIndex, setCurrentIndex] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const [bulkError, setBulkError] = useState<string | null>(null);
  const rowRefs = useRef<(HTMLLIElement | null)[]>([]);

  const items: ReviewItem[] = reviews.data?.items ?? [];
  const itemKey = items.map((item) => item.id).join(',');
  // A new page or filter: forget the previous page's selection and row state.
  useEffect(() => {
    setSelected(new Set());
    setRowErrors({});
    setCurrentIndex(0);
  }, [itemKey]);

  const statusOf = (item: ReviewItem) => overlay[item.id]?.status ?? item.status;
  const nextOf = (item: ReviewItem) => overlay[item.id]?.nextStatuses ?? item.nextStatuses;

  const refreshCounts = () => queryClient.invalidateQueries({ queryKey: ['get', '/v1/reviews/counts'] });
  // A count request per decision would queue in front of the next decision on the embedded
  // database (one query at a time): refresh them once the person pauses.
  const countsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshCountsSoon = () => {
    clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(() => void refreshCounts(), 1500);
  };
  useEffect(() => () => clearTimeout(countsTimer.current), []);

  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(items.length - 1, index));
    setCurrentIndex(bounded);
    rowRefs.current[bounded]?.focus();
  };

  const applyResult = (matches: { id: string; status: MatchStatus; nextStatuses: string[] }[]) =>
    setOverlay((previous) => {
      const next = { ...previous };
      for (const match of matches) next[match.id] = { status: match.status, nextStatuses: match.nextStatuses };
      return next;
    });

  /**
   * One decision, shown at once (the row is marked and focus moves on before the API answers,
   * so a run of `a` presses never waits on the network) and rolled back with the API's message
   * if it is refused. mutateAsync, not mutate: each call's own outcome must be handled, and
   * mutate's per-call callbacks fire only for the latest call.
   */
  const decideOne = async (item: ReviewItem, status: MatchStatus) => {
    if (!nextOf(item).includes(status) || busy.has(item.id)) return;
    const index = items.indexOf(item);
    const from = statusOf(item);
    const before = overlay[item.id];
    setBusy((previous) => new Set(previous).add(item.id));
    setRowErrors(({ [item.id]: _dropped, ...rest }) => rest);
    applyResult([{ id: item.id, status, nextStatuses: [] }]);
    if (index < items.length - 1) focusRow(index + 1);
    const note = notes[item.id]?.trim();
    try {
      const match = await decide.mutateAsync({ params: { path: { id: item.id } }, body: { status, ...(note ? { note } : {}) } });
      applyResult([match]);
      const text = t(`decided.${status}` as const, { pair: pairTitle(item) });
      setMessage(from === 'pending' ? `${text} ${t('review.undoHint')}` : text);
      setLast(from === 'pending' && (status === 'approved' || status === 'rejected') ? { ids: [item.id], to: status, label: pairTitle(item) } : null);
      refreshCountsSoon();
    } catch (error) {
      setOverlay(({ [item.id]: _optimistic, ...rest }) => (before ? { ...rest, [item.id]: before } : rest));
      setRowErrors((previous) => ({ ...previous, [item.id]: refusal(error) }));
      setMessage(t('review.failed', { pair: pairTitle(item) }));
    } finally {
      setBusy((previous) => {
        const next = new Set(previous);
        next.delete(item.id);
        return next;
      });
    }
  };

  const decideSelected = (status: MatchStatus) => {
    const ids = items.filter((item) => selected.has(item.id)).map((item) => item.id);
    if (ids.length === 0) return;
    setBulkError(null);
    setRowErrors({});
    const note = bulkNote.trim();
    bulk.mutate(
      { body: { status, ids, ...(note ? { note } : {}) } },
      {
        onSuccess: (result) => {
          applyResult(result.items);
          setSelected(new Set());
          setBulkNote('');
          setMessage(`${t(`decidedMany.${status}` as const, { count: ids.length })} ${t('review.undoHint')}`);
          setLast({ ids, to: status, label: t('review.pairsCount', { count: ids.length }) });
          refreshCountsSoon();
        },
        onError: (error) => {
          // All or nothing: nothing changed; show the API's message at each item it names (ids[i]).
          const problem = asProblem(error);
          const perRow: Record<string, string> = {};
          for (const fieldError of problem.errors ?? []) {
            const match = /^ids\[(\d+)\]$/.exec(fieldError.field);
            const id = match ? ids[Number(match[1])] : undefined;
            if (id) perRow[id] = fieldError.message;
          }
          setRowErrors(perRow);
          setBulkError(refusal(error));
          setMessage(t('review.bulkFailed'));
        },
      },
    );
  };

  const undo = () => {
    if (!last) return;
    const { ids, label } = last;
    const done = (matches: { id: string; status: MatchStatus; nextStatuses: string[] }[]) => {
      applyResult(matches);
      setLast(null);
      setMessage(t('review.undone', { pair: label }));
      refreshCountsSoon();
      const index = items.findIndex((item) => item.id === ids[0]);
      if (index >= 0) focusRow(index);
    };
    const failed = (error: unknown) => setMessage(`${t('review.undoFailed')} ${refusal(error)}`);
    if (ids.length === 1 && ids[0]) decide.mutate({ params: { path: { id: ids[0] } }, body: { status: 'pending' } }, { onSuccess: (match) => done([match]), onError: failed });
    else bulk.mutate({ body: { status: 'pending', ids } }, { onSuccess: (result) => done(result.items), onError: failed });
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const currentItem = () => {
    const active = document.activeElement;
    const index = rowRefs.current.findIndex((row) => row && active && row.contains(active));
    return index >= 0 ? index : currentIndex;
  };

  const shortcutRef = useShortcuts<HTMLDivElement>({
    j: () => focusRow(currentItem() + 1),
    k: () => focusRow(currentItem() - 1),
    a: () => {
      const item = items[currentItem()];
      if (item) void decideOne(item, 'approved');
    },
    r: () => {
      const item = items[currentItem()];
      if (item) void decideOne(item, 'rejected');
    },
    x: () => {
      const item = items[currentItem()];
      if (item) toggle(item.id, !selected.has(item.id));
    },
    '?': () => setHelpOpen(true),
  });

  const activeStatus = (query.status ?? 'pending') as MatchStatus;
  const setStatus = (status: MatchStatus) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (status === 'pending') next.delete('status');
      else next.set('status', status);
      next.delete('page');
      return next;
    });
  const page = Math.floor((query.offset ?? 0) / PAGE_SIZE) + 1;
  const total = reviews.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const goPage = (next: number) =>
    setParams((previous) => {
      const copy = new URLSearchParams(previous);
      if (next <= 1) copy.delete('page');
      else copy.set('page', String(next));
      return copy;
    });

  return (
    <>
      <Heading1>{t('review.title')}</Heading1>
      <Paragraph lead>{t('review.lead')}</Paragraph>

      <section aria-labelledby="counts-heading" className="pm-section">
        <h2 id="counts-heading" className="pm-visually-hidden">
          {t('review.counts')}
        </h2>
        <ul className="pm-counts">
          {STATUSES.map((status) => (
            <StatusCount key={status} status={status} count={counts.data?.[status]} failed={counts.isError} active={status === activeStatus} onChoose={() => setStatus(status)} />
          ))}
        </ul>
      </section>

      <ReviewFilters params={params} setParams={setParams} />

      <LiveRegion message={message} />
      {(message || last) && (
        <div className="pm-undo-bar" aria-hidden={false}>
          <span>{message}</span>
          {last && (
            <Button appearance="secondary-action-button" onClick={undo} busy={decide.isPending || bulk.isPending}>
              {t('review.undo')}
            </Button>
          )}
        </div>
      )}

      {selected.size > 0 && (
        <section className="pm-bulk" aria-label={t('review.bulk')}>
          <p className="utrecht-paragraph pm-bulk__count">{t('review.selected', { count: selected.size })}</p>
          <label className="pm-bulk__note">
            <span>{t('review.bulkNote')}</span>
            <Textbox value={bulkNote} onChange={(event) => setBulkNote(event.target.value)} maxLength={2000} />
          </label>
          <div className="utrecht-button-group">
            <Button appearance="primary-action-button" onClick={() => decideSelected('approved')} busy={bulk.isPending}>
              {t('review.approveSelected', { count: selected.size })}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => decideSelected('rejected')} busy={bulk.isPending}>
              {t('review.rejectSelected', { count: selected.size })}
            </Button>
            <Button appearance="subtle-button" onClick={() => setSelected(new Set())}>
              {t('review.clearSelection')}
            </Button>
          </div>
          {bulkError && (
            <div className="utrecht-alert utrecht-alert--error" role="alert">
              <p className="utrecht-paragraph">{bulkError}</p>
            </div>
          )}
        </section>
      )}

      {reviews.isPending ? (
        <Loading />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} forbidden={t('review.forbidden')} onRetry={() => void queryClient.invalidateQueries({ predicate: isReviewQuery })} />
      ) : items.length === 0 ? (
        <Empty>
          <p className="utrecht-paragraph">{t('review.empty')}</p>
        </Empty>
      ) : (
        <div ref={shortcutRef} className="pm-queue" role="region" aria-label={t('review.queue')} aria-describedby="queue-hint">
          <div className="pm-queue__top">
            <p id="queue-hint" className="utrecht-paragraph pm-hint">
              {shortcutsOn ? t('review.shortcutsHint') : t('review.shortcutsOff')}
            </p>
            <ul className="pm-legend" aria-label={t('review.legend')}>
              {componentKeysFor(purpose).map((key) => (
                <li key={key}>
                  <span className={`pm-swatch pm-component-${key}`} aria-hidden="true" />
                  {t(`component.${key}` as const)}
                </li>
              ))}
            </ul>
          </div>
          <ol className="pm-rows" aria-label={t('review.list', { total })}>
            {items.map((item, index) => (
              <ReviewRow
                key={item.id}
                ref={(element) => {
                  rowRefs.current[index] = element;
                }}
                item={item}
                status={statusOf(item)}
                nextStatuses={nextOf(item)}
                weights={weights}
                selected={selected.has(item.id)}
                busy={busy.has(item.id)}
                error={rowErrors[item.id]}
                note={notes[item.id] ?? ''}
                current={index === currentIndex}
                onNote={(note) => setNotes((previous) => ({ ...previous, [item.id]: note }))}
                onSelect={(on) => toggle(item.id, on)}
                onDecide={(status) => void decideOne(item, status)}
                onFocusRow={() => setCurrentIndex(index)}
              />
            ))}
          </ol>
          <nav className="pm-pager" aria-label={t('pager.label')}>
            <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => goPage(page - 1)}>
              {t('pager.previous')}
            </Button>
            <span>{t('pager.position', { page, pages, total })}</span>
            <Button appearance="secondary-action-button" disabled={page >= pages} onClick={() => goPage(page + 1)}>
              {t('pager.next')}
            </Button>
          </nav>
        </div>
      )}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
