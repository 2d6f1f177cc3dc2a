import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { componentKeysFor, scoreParts, type AnyComponentKey, type Purpose } from '../../../api/profile';
import { asProblem } from '../../../api/errors';
import { useLabel, type TermKind } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { StatusBadge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Link } from '../../../ui/Link';
import { LiveRegion } from '../../../ui/LiveRegion';
import { ScoreBar } from '../../../ui/ScoreBar';
import { Empty, ErrorState, Loading, useProblemTitle } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { isReviewQuery } from '../../review/api/reviews';
import { useDecidePair, useHistory, useMatch, usePartner, useReviewItem, useRunWeights, type Match } from '../api/pair';
import type { Schemas } from '../../../api/client';

type Partner = Schemas['PartnerDto'];
type Status = Match['status'];
const TONE: Record<Status, 'neutral' | 'success' | 'danger' | 'active' | 'inactive'> = { pending: 'neutral', approved: 'success', rejected: 'danger', introduced: 'active', collaborating: 'success', declined: 'inactive' };

function Terms({ kind, codes, shared, sharedLabel }: { kind: TermKind | 'offers'; codes: string[]; shared: Set<string>; sharedLabel: string }) {
  const label = useLabel();
  if (codes.length === 0) return <span className="pm-muted">—</span>;
  return (
    <ul className="pm-terms">
      {codes.map((code) => {
        const text = kind === 'offers' ? code.replace(/-/g, ' ') : label(kind, code);
        return (
          <li key={code} className={shared.has(code) ? 'pm-term pm-term--shared' : 'pm-term'}>
            {shared.has(code) ? (
              <mark className="utrecht-mark">
                {text} <span className="pm-term__flag">({sharedLabel})</span>
              </mark>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** One partner's profile beside the other's: what they share marked; for kennisdelen also what knowledge each brings. */
function ProfileCard({ partner, other, purpose }: { partner: Partner; other: Partner; purpose: Purpose }) {
  const { t } = useI18n();
  const label = useLabel();
  const sharedOpgaven = new Set(partner.opgaven.filter((code) => other.opgaven.includes(code)));
  const sharedLeefdomeinen = new Set(partner.leefdomeinen.filter((code) => other.leefdomeinen.includes(code)));
  const offersTheyNeed = new Set(partner.offers.filter((code) => other.needs.includes(code)));
  const needsTheyOffer = new Set(partner.needs.filter((code) => other.offers.includes(code)));
  const bringsWhatTheyLack = new Set(partner.kennisbronnen.filter((code) => !other.kennisbronnen.includes(code)));
  const sharedVerandertheorie = new Set(partner.verandertheorie.filter((code) => other.verandertheorie.includes(code)));
  return (
    <section className="pm-card pm-profile" aria-labelledby={`profile-${partner.id}`}>
      <h2 className="utrecht-heading-2" id={`profile-${partner.id}`}>
        <Link to={`/partners/${partner.slug}`}>{partner.name}</Link>
      </h2>
      <p className="utrecht-paragraph pm-muted">
        {label('sectors', partner.sector)} · {t(`scope.${partner.scope}` as const)} · {partner.gemeenten.map((code) => label('gemeenten', code)).join(', ') || '—'}
      </p>
      {partner.description && <p className="utrecht-paragraph">{partner.description}</p>}
      <dl className="pm-facts">
        <dt>{t('partner.opgaven')}</dt>
        <dd>
          <Terms kind="opgaven" codes={partner.opgaven} shared={sharedOpgaven} sharedLabel={t('pair.shared')} />
        </dd>
        <dt>{t('partner.leefdomeinen')}</dt>
        <dd>
          <Terms kind="leefdomeinen" codes={partner.leefdomeinen} shared={sharedLeefdomeinen} sharedLabel={t('pair.shared')} />
        </dd>
        {purpose === 'kennisdelen' ? (
          <>
            <dt>{t('partner.kennisbronnen')}</dt>
            <dd>
              <Terms kind="kennisbronnen" codes={partner.kennisbronnen} shared={bringsWhatTheyLack} sharedLabel={t('pair.theyLack')} />
            </dd>
            <dt>{t('partner.verandertheorie')}</dt>
            <dd>
              <Terms kind="verandertheorie" codes={partner.verandertheorie} shared={sharedVerandertheorie} sharedLabel={t('pair.shared')} />
            </dd>
          </>
        ) : (
          <>
            <dt>{t('partner.offers')}</dt>
            <dd>
              <Terms kind="offers" codes={partner.offers} shared={offersTheyNeed} sharedLabel={t('pair.theyNeed')} />
            </dd>
            <dt>{t('partner.needs')}</dt>
            <dd>
              <Terms kind="offers" codes={partner.needs} shared={needsTheyOffer} sharedLabel={t('pair.theyOffer')} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function PairPage() {
  const { id = '' } = useParams();
  const { t, lang, number, dateTime } = useI18n();
  const match = useMatch(id);
  const history = useHistory(id);
  const partnerA = usePartner(match.data?.partnerA.id);
  const partnerB = usePartner(match.data?.partnerB.id);
  const reviewItem = useReviewItem(id, lang);
  const purpose: Purpose = match.data?.purpose ?? 'samenwerken';
  const { weights, isPending: weightsPending } = useRunWeights(reviewItem.data?.runId, purpose);
  const decide = useDecidePair();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const problemTitle = useProblemTitle();
  const title = match.data ? `${match.data.partnerA.name} – ${match.data.partnerB.name}` : t('pair.title');
  useDocumentTitle(title);

  if (match.isPending) return <Loading />;
  if (match.isError)
    return (
      <>
        <Heading1>{t('pair.title')}</Heading1>
        <ErrorState error={match.error} forbidden={t('pair.forbidden')} />
      </>
    );

  const item = reviewItem.data;
  // The match exists (read above): a 404 here means its pair is in none of the current lists.
  const notInLists = reviewItem.isError && asProblem(reviewItem.error).status === 404;
  const parts = item && weights ? scoreParts(item.components, weights, item.score) : [];
  const shownTotal = parts.reduce((sum, part) => sum + part.points, 0);

  const onDecide = (status: Status) =>
    decide.mutate(
      { params: { path: { id } }, body: { status, ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: () => {
          setNote('');
          setMessage(t(`decided.${status}` as const, { pair: title }));
          void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matches/{id}'] });
          void queryClient.invalidateQueries({ queryKey: ['get', '/v1/matches/{id}/history'] });
          // The queue's lists, its counts per status and this pair's review item.
          void queryClient.invalidateQueries({ predicate: isReviewQuery });
        },
        onError: (error) => {
          const problem = asProblem(error);
          setMessage(problem.status === 403 || problem.status === 503 ? problemTitle(error, { forbidden: t('pair.forbidden') }) : problem.detail || t('state.error'));
        },
      },
    );

  return (
    <>
      <p className="utrecht-paragraph">
        <Link to={purpose === 'kennisdelen' ? '/review?purpose=kennisdelen' : '/review'}>← {t('pair.back')}</Link>
      </p>
      <Heading1>{title}</Heading1>
      <div className="pm-pair-status">
        <StatusBadge tone="neutral">{t(`purpose.${purpose}` as const)}</StatusBadge>
        <StatusBadge tone={TONE[match.data.status]}>{t(`status.${match.data.status}` as const)}</StatusBadge>
        {item?.mutualInterest && <StatusBadge tone="active">{t('review.mutualInterest')}</StatusBadge>}
        {item && item.distanceKm !== null && <span>{t('review.distance', { km: number(item.distanceKm, item.distanceKm < 10 ? 1 : 0) })}</span>}
      </div>
      <LiveRegion message={message} visible={Boolean(message)} />

      {partnerA.data && partnerB.data ? (
        <div className="pm-side-by-side">
          <ProfileCard partner={partnerA.data} other={partnerB.data} purpose={purpose} />
          <ProfileCard partner={partnerB.data} other={partnerA.data} purpose={purpose} />
        </div>
      ) : partnerA.isError || partnerB.isError ? (
        <ErrorState error={partnerA.error ?? partnerB.error} />
      ) : (
        <Loading />
      )}

      <section className="pm-card pm-section" aria-labelledby="breakdown-heading">
        <Heading2 id="breakdown-heading">{t('pair.breakdown')}</Heading2>
        {reviewItem.isPending || (reviewItem.isSuccess && weightsPending) ? (
          <Loading />
        ) : reviewItem.isError && !notInLists ? (
          <ErrorState error={reviewItem.error} onRetry={() => void reviewItem.refetch()} />
        ) : !item ? (
          <Empty>
            <p className="utrecht-paragraph">{t('pair.notInLists')}</p>
          </Empty>
        ) : (
          <>
            <p className="utrecht-paragraph">
              {t('pair.scoreIs')} <strong className="pm-score" data-testid="pair-score">{number(item.score * 100)}</strong> {t('pair.outOf100')}
            </p>
            {weights && (
              <ScoreBar label={t('review.scoreParts', { parts: parts.map((part) => `${t(`component.${part.key}` as const)} ${part.points}`).join(', ') })} parts={parts.map((part) => ({ ...part, label: t(`component.${part.key}` as const) }))} />
            )}
            <Table caption={t('pair.breakdownCaption')}>
              <THead>
                <Tr>
                  <Th scope="col">{t('pair.component')}</Th>
                  <Th scope="col" numeric>
                    {t('pair.value')}
                  </Th>
                  <Th scope="col" numeric>
                    {t('pair.weight')}
                  </Th>
                  <Th scope="col" numeric>
                    {t('pair.points')}
                  </Th>
                </Tr>
              </THead>
              <TBody>
                {componentKeysFor(purpose).map((key) => {
                  const part = parts.find((candidate) => candidate.key === key);
                  const value = (item.components as Partial<Record<AnyComponentKey, number>>)[key] ?? 0;
                  return (
                    <Tr key={key}>
                      <Th scope="row">
                        {/* A no-break space: the swatch stays with its name on a narrow screen. */}
                        <span className={`pm-swatch pm-component-${key}`} aria-hidden="true" />
                        {'\u00a0'}
                        {t(`component.${key}` as const)}
                      </Th>
                      <Td numeric>{number(value, 2)}</Td>
                      <Td numeric>{weights ? number(weights[key] ?? 0, 2) : '—'}</Td>
                      <Td numeric data-part={key}>
                        {part ? number(part.points) : '—'}
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
              <tfoot className="utrecht-table__footer">
                <Tr>
                  <Th scope="row">{t('pair.total')}</Th>
                  <Td />
                  <Td />
                  <Td numeric data-part="total">
                    <strong>{number(shownTotal)}</strong>
                  </Td>
                </Tr>
              </tfoot>
            </Table>
            <Heading2>{t('pair.reasons')}</Heading2>
            <ul className="pm-reasons">
              {item.reasons.map((reason) => (
                <li key={reason.code}>{reason.text}</li>
              ))}
            </ul>
            <Heading2>{t('review.feedback')}</Heading2>
            {item.feedback.length === 0 ? (
              <p className="utrecht-paragraph pm-muted">{t('pair.noFeedback')}</p>
            ) : (
              <ul className="pm-feedback">
                {item.feedback.map((feedback) => (
                  <li key={feedback.partnerId}>
                    <strong>{feedback.partnerId === item.partnerA.id ? item.partnerA.name : item.partnerB.name}</strong>: {t(`verdict.${feedback.verdict}` as const)}
                    {feedback.reason ? ` — ${feedback.reason}` : ''} <span className="pm-muted">({dateTime(feedback.updatedAt)})</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      {match.data.nextStatuses.length > 0 && (
        <section className="pm-card pm-section" aria-labelledby="decide-heading">
          <Heading2 id="decide-heading">{t('pair.decide')}</Heading2>
          <Field label={t('review.note')}>
            <Textbox value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
          </Field>
          <div className="utrecht-button-group">
            {match.data.nextStatuses.map((status) => (
              <Button key={status} appearance={status === 'approved' ? 'primary-action-button' : 'secondary-action-button'} onClick={() => onDecide(status as Status)} busy={decide.isPending}>
                {t(`to.${status as Status}` as const)}
              </Button>
            ))}
          </div>
        </section>
      )}

      <section className="pm-card pm-section" aria-labelledby="history-heading">
        <Heading2 id="history-heading">{t('pair.history')}</Heading2>
        {history.isPending ? (
          <Loading />
        ) : history.isError ? (
          <ErrorState error={history.error} />
        ) : history.data.items.length === 0 ? (
          <Paragraph className="pm-muted">{t('pair.noHistory')}</Paragraph>
        ) : (
          <ol className="pm-timeline">
            {history.data.items.map((event, index) => (
              <li key={`${event.at}-${index}`}>
                <time dateTime={event.at}>{dateTime(event.at)}</time>
                <span>
                  <strong>{event.actor || t('pair.unknownActor')}</strong>: {t(`status.${event.from}` as const)} → {t(`status.${event.to}` as const)}
                </span>
                {event.note && <q className="pm-timeline__note">{event.note}</q>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
