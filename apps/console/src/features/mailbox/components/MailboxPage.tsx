import { useSearchParams } from 'react-router';
import { asProblem } from '../../../api/errors';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Link } from '../../../ui/Link';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { MAILBOX_PAGE, useMailbox } from '../api/mailbox';
import '../../../theme/partner-pages.css';

/** The dev mailbox of the embedded default: every mail it kept instead of sending, newest first. */
export function MailboxPage() {
  const { t, number, dateTime } = useI18n();
  useDocumentTitle(t('mailbox.title'));
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const mailbox = useMailbox(offset);
  const closed = mailbox.isError && asProblem(mailbox.error).status === 404;
  const go = (next: number) => setParams(next > 0 ? { offset: String(next) } : {});

  return (
    <>
      <Heading1>{t('mailbox.title')}</Heading1>
      <Paragraph lead>{t('mailbox.lead')}</Paragraph>
      {mailbox.isPending && <Loading />}
      {closed && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t('mailbox.closed')}</p>
        </Alert>
      )}
      {mailbox.isError && !closed && <ErrorState error={mailbox.error} onRetry={() => void mailbox.refetch()} />}
      {mailbox.data &&
        (mailbox.data.total === 0 ? (
          <Empty>
            <Paragraph>{t('mailbox.empty')}</Paragraph>
          </Empty>
        ) : (
          <>
            <Table caption={t('mailbox.count', { count: number(mailbox.data.total) })}>
              <THead>
                <Tr>
                  <Th scope="col">{t('mailbox.subject')}</Th>
                  <Th scope="col">{t('mailbox.to')}</Th>
                  <Th scope="col">{t('mailbox.kind')}</Th>
                  <Th scope="col">{t('mailbox.date')}</Th>
                </Tr>
              </THead>
              <TBody>
                {mailbox.data.items.map((mail) => (
                  <Tr key={mail.id} data-mail-id={mail.id}>
                    <Td>
                      <Link to={`/dev/mailbox/${mail.id}`}>{mail.subject}</Link>
                    </Td>
                    <Td className="utrecht-table__cell pm-overflow-anywhere">{mail.to}</Td>
                    <Td>{t(`mailKind.${mail.kind}` as const)}</Td>
                    <Td>
                      <time dateTime={mail.createdAt}>{dateTime(mail.createdAt)}</time>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            {mailbox.data.total > MAILBOX_PAGE && (
              <div className="utrecht-button-group pm-actions">
                <Button appearance="secondary-action-button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - MAILBOX_PAGE))}>
                  {t('mailbox.previous')}
                </Button>
                <Button appearance="secondary-action-button" disabled={offset + MAILBOX_PAGE >= mailbox.data.total} onClick={() => go(offset + MAILBOX_PAGE)}>
                  {t('mailbox.next')}
                </Button>
              </div>
            )}
          </>
        ))}
    </>
  );
}
