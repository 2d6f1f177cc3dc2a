import { useState } from 'react';
import { useSession } from '../../../api/session';
import { useLabel } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Button } from '../../../ui/Button';
import { LiveRegion } from '../../../ui/LiveRegion';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { PURPOSES, type Purpose } from '../../../api/profile';
import { useGiveFeedback, useOwnPartner, useOwnSuggestions, type Suggestion } from '../api/for-you';
import '../../../theme/partner-pages.css';

type Verdict = 'interested' | 'not-relevant';

function SuggestionCard({ item, partner, purpose, answered, onAnswered }: { item: Suggestion; partner: string; purpose: Purpose; answered: Verdict | undefined; onAnswered: (verdict: Verdict) => void }) {
  const { t, percent } = useI18n();
  const label = useLabel();
  const feedback = useGiveFeedback();
  const headingId = `candidate-${purpose}-${item.candidate.id}`;
  const give = (verdict: Verdict) =>
    feedback.mutate({ params: { path: { idOrSlug: partner, candidateIdOrSlug: item.candidate.id } }, body: { verdict, purpose } }, { onSuccess: () => onAnswered(verdict) });

  return (
    <li className="pm-card pm-suggestion" aria-labelledby={headingId} data-candidate={item.candidate.slug} data-purpose={purpose}>
      <div className="pm-title-row">
        <h3 id={headingId} className="utrecht-heading-3">
          {item.candidate.name}
        </h3>
        <span className="pm-muted">{t('forYou.score', { score: percent(item.score) })}</span>
      </div>
      <p className="utrecht-paragraph pm-muted">
        {label('sectors', item.candidate.sector)}
        {item.candidate.gemeenten.length > 0 && ` · ${item.candidate.gemeenten.map((code) => label('gemeenten', code)).join(', ')}`}
      </p>
      {item.candidate.description && <p className="utrecht-paragraph">{item.candidate.description}</p>}
      <h4 className="utrecht-heading-4">{t('forYou.why')}</h4>
      <ul className="pm-reasons">
        {item.reasons.map((reason) => (
          <li key={reason.code}>{reason.text}</li>
        ))}
      </ul>
      {(item.candidate.offers.length > 0 || item.candidate.needs.length > 0) && (
        <dl className="pm-facts">
          {item.candidate.offers.length > 0 && (
            <>
              <dt>{t('forYou.offers')}</dt>
              <dd>{item.candidate.offers.join(', ')}</dd>
            </>
          )}
          {item.candidate.needs.length > 0 && (
            <>
              <dt>{t('forYou.needs')}</dt>
              <dd>{item.candidate.needs.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      {item.candidate.website && (
        <p className="utrecht-paragraph">
          <a className="utrecht-link" href={item.candidate.website} rel="noopener noreferrer" target="_blank">
            {t('forYou.website', { name: item.candidate.name })}
          </a>
        </p>
      )}
      <div className="utrecht-button-group pm-actions" role="group" aria-label={item.candidate.name}>
        <Button appearance={answered === 'interested' ? 'primary-action-button' : 'secondary-action-button'} aria-pressed={answered === 'interested'} busy={feedback.isPending} onClick={() => give('interested')}>
          {t('forYou.interested')}
        </Button>
        <Button appearance="secondary-action-button" busy={feedback.isPending} onClick={() => give('not-relevant')}>
          {t('forYou.notForUs')}
        </Button>
      </div>
      {feedback.isError && <ErrorState error={feedback.error} />}
    </li>
  );
}

/** One purpose's approved suggestions: to work with locally, or to learn from. */
function PurposeSection({ partner, purpose, optedOut, onAnswered }: { partner: string; purpose: Purpose; optedOut: boolean; onAnswered: (item: Suggestion, verdict: Verdict) => void }) {
  const { t, lang, number } = useI18n();
  const list = useOwnSuggestions(partner, lang, purpose);
  const [answers, setAnswers] = useState<Record<string, Verdict>>({});
  const headingId = `for-you-${purpose}`;
  return (
    <section className="pm-section" aria-labelledby={headingId} data-purpose={purpose}>
      <Heading2 id={headingId}>{t(`forYou.${purpose}` as const)}</Heading2>
      <Paragraph className="pm-muted">{t(`forYou.${purpose}Lead` as const)}</Paragraph>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>
            <Paragraph>{optedOut ? t('forYou.optedOut') : t('forYou.empty')}</Paragraph>
          </Empty>
        ) : (
          <>
            <Paragraph className="pm-muted">{list.data.total === 1 ? t('forYou.countOne') : t('forYou.count', { count: number(list.data.total) })}</Paragraph>
            <ul className="pm-suggestions">
              {list.data.items.map((item) => (
                <SuggestionCard
                  key={item.candidate.id}
                  item={item}
                  partner={partner}
                  purpose={purpose}
                  answered={answers[item.candidate.id] ?? item.feedback ?? undefined}
                  onAnswered={(verdict) => {
                    setAnswers((previous) => ({ ...previous, [item.candidate.id]: verdict }));
                    onAnswered(item, verdict);
                  }}
                />
              ))}
            </ul>
          </>
        ))}
    </section>
  );
}

/** Voor jou: the approved suggestions of both purposes with their reasons, and the partner's two answers. */
export function ForYouPage() {
  const { t } = useI18n();
  useDocumentTitle(t('forYou.title'));
  const partner = useSession().data?.partner ?? '';
  const own = useOwnPartner(partner);
  const [message, setMessage] = useState('');

  const answered = (item: Suggestion, verdict: Verdict) =>
    setMessage(t(verdict === 'interested' ? 'forYou.savedInterested' : 'forYou.savedNotForUs', { name: item.candidate.name }));

  return (
    <>
      <Heading1>{t('forYou.title')}</Heading1>
      <Paragraph lead>{t('forYou.lead')}</Paragraph>
      <LiveRegion message={message} visible={message !== ''} />
      {PURPOSES.map((purpose) => (
        <PurposeSection key={purpose} partner={partner} purpose={purpose} optedOut={Boolean(own.data?.matchingOptOut)} onAnswered={answered} />
      ))}
    </>
  );
}
