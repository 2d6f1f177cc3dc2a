import { useI18n } from '../../../i18n/i18n';
import { Button } from '../../../ui/Button';
import { ErrorState, Loading } from '../../../ui/States';
import { Heading2, Paragraph } from '../../../ui/Typography';
import { useConfirmErasure, useDeclineErasure, useErasureRequests } from '../api/people';

/** Partners that asked to be erased: an admin confirms (erases) or declines. */
export function ErasureRequests({ onMessage }: { onMessage: (message: string) => void }) {
  const { t, dateTime } = useI18n();
  const requests = useErasureRequests();
  const confirm = useConfirmErasure();
  const decline = useDeclineErasure();

  const erase = (partner: { id: string; name: string }) => {
    if (!window.confirm(t('people.erasureConfirmQuestion', { name: partner.name }))) return;
    confirm.mutate({ params: { path: { idOrSlug: partner.id }, query: { erase: true } } }, { onSuccess: () => onMessage(t('people.erased', { name: partner.name })) });
  };

  return (
    <section className="pm-card pm-section" aria-labelledby="erasure-heading">
      <Heading2 id="erasure-heading">{t('people.erasure')}</Heading2>
      {requests.isPending && <Loading />}
      {requests.isError && <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />}
      {requests.data?.items.length === 0 && <Paragraph className="pm-muted">{t('people.erasureEmpty')}</Paragraph>}
      {requests.data && requests.data.items.length > 0 && (
        <ul className="pm-erasure-list">
          {requests.data.items.map((request) => (
            <li key={request.partner.id}>
              <strong>{request.partner.name}</strong>
              <p className="utrecht-paragraph pm-muted pm-overflow-anywhere">{t('people.erasureBy', { by: request.requestedBy, date: dateTime(request.requestedAt) })}</p>
              {request.reason && <p className="utrecht-paragraph">{request.reason}</p>}
              <div className="utrecht-button-group pm-table-actions">
                <Button appearance="primary-action-button" busy={confirm.isPending} onClick={() => erase(request.partner)}>
                  {t('people.erasureConfirm')}
                </Button>
                <Button appearance="secondary-action-button" busy={decline.isPending} onClick={() => decline.mutate({ params: { path: { idOrSlug: request.partner.id } } })}>
                  {t('people.erasureDecline')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirm.isError && <ErrorState error={confirm.error} />}
      {decline.isError && <ErrorState error={decline.error} />}
    </section>
  );
}
