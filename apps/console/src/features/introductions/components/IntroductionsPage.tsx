import { useSession } from '../../../api/session';
import { useLabel } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { StatusBadge } from '../../../ui/Badge';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { useIntroductions, type Introduction } from '../api/introductions';
import '../../../theme/partner-pages.css';

const TONES = { introduced: 'active', collaborating: 'success', declined: 'inactive' } as const;

function IntroductionCard({ item }: { item: Introduction }) {
  const { t, dateTime, number } = useI18n();
  const label = useLabel();
  const headingId = `introduction-${item.id}`;
  return (
    <li className="pm-card pm-introduction" aria-labelledby={headingId} data-match-id={item.id}>
      <div className="pm-title-row">
        <h2 id={headingId} className="utrecht-heading-2">
          {item.other.name}
        </h2>
        <StatusBadge tone={TONES[item.status as keyof typeof TONES] ?? 'neutral'}>{t(`status.${item.status}` as const)}</StatusBadge>
      </div>
      <p className="utrecht-paragraph pm-muted">
        {label('sectors', item.other.sector)} · {t('introductions.introducedAt', { date: dateTime(item.introducedAt) })}
      </p>
      {item.note && (
        <>
          <h3 className="utrecht-heading-3">{t('introductions.note')}</h3>
          <p className="utrecht-paragraph">{item.note}</p>
        </>
      )}
      <h3 className="utrecht-heading-3">{t('introductions.contacts')}</h3>
      <ul className="pm-reasons pm-overflow-anywhere">
        {item.contacts.map((contact) => (
          <li key={contact.email}>
            {contact.name} —{' '}
            <a className="utrecht-link" href={`mailto:${contact.email}`}>
              {contact.email}
            </a>
          </li>
        ))}
        {item.other.website && (
          <li>
            <a className="utrecht-link" href={item.other.website} rel="noopener noreferrer" target="_blank">
              {item.other.website}
            </a>
          </li>
        )}
      </ul>
      <h3 className="utrecht-heading-3">{t('introductions.outcomes')}</h3>
      {item.outcomes.length === 0 ? (
        <p className="utrecht-paragraph pm-muted">{t('introductions.noOutcomes')}</p>
      ) : (
        <ol className="pm-timeline">
          {item.outcomes.map((outcome, index) => (
            <li key={index}>
              <time dateTime={outcome.at}>{dateTime(outcome.at)}</time>
              <strong>{outcome.label}</strong>
              <span className="pm-overflow-anywhere">{outcome.by}</span>
            </li>
          ))}
        </ol>
      )}
      {item.reports.length > 0 && (
        <>
          <h3 className="utrecht-heading-3">{t('introductions.reports')}</h3>
          <ul className="pm-reasons">
            {item.reports.map((report, index) => (
              <li key={index}>
                {report.text}
                {report.reached != null && ` (${t('introductions.reached', { count: number(report.reached) })})`}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** Introducties: the pairs the team introduced this partner in, and what came of them. */
export function IntroductionsPage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('introductions.title'));
  const partner = useSession().data?.partner ?? '';
  const list = useIntroductions(partner, lang);
  return (
    <>
      <Heading1>{t('introductions.title')}</Heading1>
      <Paragraph lead>{t('introductions.lead')}</Paragraph>
      {list.isPending && <Loading />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Empty>
            <Paragraph>{t('introductions.empty')}</Paragraph>
          </Empty>
        ) : (
          <ul className="pm-introductions">
            {list.data.items.map((item) => (
              <IntroductionCard key={item.id} item={item} />
            ))}
          </ul>
        ))}
    </>
  );
}
