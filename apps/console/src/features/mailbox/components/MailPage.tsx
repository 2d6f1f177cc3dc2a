import { Fragment } from 'react';
import { useParams } from 'react-router';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Link } from '../../../ui/Link';
import { ErrorState, Loading } from '../../../ui/States';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { useMail } from '../api/mailbox';
import '../../../theme/partner-pages.css';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The plain-text part with its links clickable; links into this console open in the same tab. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <pre className="pm-mail-text">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} className="utrecht-link" href={part} {...(new URL(part).origin === window.location.origin ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

/**
 * Links in the formatted part open outside the frame. The frame runs no script (sandbox and the
 * inherited CSP); it keeps the console's origin only so that CSP's frame-ancestors 'self' lets it show.
 */
function framed(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${base}`) : `${base}${html}`;
}

/** One kept mail: who it is for, its text with clickable links, and the formatted version. */
export function MailPage() {
  const { t, dateTime } = useI18n();
  const { id = '' } = useParams();
  const mail = useMail(id);
  useDocumentTitle(mail.data?.subject ?? t('mailbox.title'));

  return (
    <>
      <Paragraph>
        <Link to="/dev/mailbox">{t('mailbox.back')}</Link>
      </Paragraph>
      {mail.isPending && <Loading />}
      {mail.isError && <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />}
      {mail.data && (
        <>
          <Heading1>{mail.data.subject}</Heading1>
          <dl className="pm-facts pm-mail-meta">
            <dt>{t('mailbox.to')}</dt>
            <dd className="pm-overflow-anywhere">{mail.data.to}</dd>
            <dt>{t('mailbox.kind')}</dt>
            <dd>{t(`mailKind.${mail.data.kind}` as const)}</dd>
            <dt>{t('mailbox.date')}</dt>
            <dd>{dateTime(mail.data.createdAt)}</dd>
          </dl>
          <section className="pm-card pm-section" aria-labelledby="mail-text-heading">
            <Heading2 id="mail-text-heading">{t('mailbox.text')}</Heading2>
            <LinkedText text={mail.data.text} />
          </section>
          <section className="pm-card pm-section" aria-labelledby="mail-html-heading">
            <Heading2 id="mail-html-heading">{t('mailbox.html')}</Heading2>
            <iframe className="pm-mail-frame" title={t('mailbox.htmlFrame')} sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" srcDoc={framed(mail.data.html)} />
          </section>
        </>
      )}
    </>
  );
}
