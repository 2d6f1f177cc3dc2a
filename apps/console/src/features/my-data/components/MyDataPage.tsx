import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { fieldErrors } from '../../../api/errors';
import { useSession } from '../../../api/session';
import { useDocumentTitle, useI18n, useT } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Checkbox, Select, Textarea } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { ErrorState, Loading } from '../../../ui/States';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { useOwnPartner } from '../../for-you/api/for-you';
import { useUpdatePartner, type Partner } from '../../partners/api/partners';
import { downloadExport, useErasureRequest, useMe, useRequestErasure, useUpdateMe } from '../api/my-data';
import '../../../theme/partner-pages.css';

function ExportSection({ partner }: { partner: string }) {
  const t = useT();
  const download = useMutation({ mutationFn: () => downloadExport(partner) });
  return (
    <section className="pm-card" aria-labelledby="export-heading">
      <Heading2 id="export-heading">{t('myData.export')}</Heading2>
      <Paragraph>{t('myData.exportText')}</Paragraph>
      <Button appearance="secondary-action-button" busy={download.isPending} onClick={() => download.mutate()}>
        {t('myData.exportButton')}
      </Button>
      {download.isError && <ErrorState error={download.error} />}
    </section>
  );
}

function OptOutSection({ partner }: { partner: Partner }) {
  const t = useT();
  const update = useUpdatePartner();
  const [optOut, setOptOut] = useState(partner.matchingOptOut);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ params: { path: { idOrSlug: partner.id } }, body: { matchingOptOut: optOut } });
  };
  return (
    <section className="pm-card" aria-labelledby="opt-out-heading">
      <Heading2 id="opt-out-heading">{t('myData.optOut')}</Heading2>
      <form onSubmit={submit} noValidate>
        <Field label={t('myData.optOutLabel')} type="checkbox">
          <Checkbox checked={optOut} onChange={(event) => setOptOut(event.target.checked)} />
        </Field>
        <p className="utrecht-button-group pm-actions">
          <Button type="submit" appearance="secondary-action-button" busy={update.isPending}>
            {t('myData.optOutSave')}
          </Button>
        </p>
      </form>
      {update.isSuccess && <Alert type="ok">{<p className="utrecht-paragraph">{t('myData.optOutSaved')}</p>}</Alert>}
      {update.isError && <ErrorState error={update.error} />}
    </section>
  );
}

function MailSection() {
  const t = useT();
  const me = useMe();
  const update = useUpdateMe();
  const [draft, setDraft] = useState<{ wantsDigest: boolean; wantsFollowUps: boolean; language: 'nl' | 'en' } | null>(null);
  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <section className="pm-card" aria-labelledby="mail-heading">
        <Heading2 id="mail-heading">{t('myData.mail')}</Heading2>
        <Paragraph className="pm-muted">{t('myData.noPerson')}</Paragraph>
      </section>
    );
  }
  const value = draft ?? { wantsDigest: me.data.wantsDigest, wantsFollowUps: me.data.wantsFollowUps, language: me.data.language };
  const set = (change: Partial<typeof value>) => setDraft({ ...value, ...change });
  const errors = update.isError ? fieldErrors(update.error) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ body: value }, { onSuccess: () => setDraft(null) });
  };
  return (
    <section className="pm-card" aria-labelledby="mail-heading">
      <Heading2 id="mail-heading">{t('myData.mail')}</Heading2>
      <Paragraph className="pm-muted pm-overflow-anywhere">{t('myData.mailFor', { email: me.data.email })}</Paragraph>
      <form onSubmit={submit} noValidate>
        <Field label={t('myData.wantsDigest')} type="checkbox" error={errors['wantsDigest']}>
          <Checkbox checked={value.wantsDigest} onChange={(event) => set({ wantsDigest: event.target.checked })} />
        </Field>
        <Field label={t('myData.wantsFollowUps')} type="checkbox" error={errors['wantsFollowUps']}>
          <Checkbox checked={value.wantsFollowUps} onChange={(event) => set({ wantsFollowUps: event.target.checked })} />
        </Field>
        <Field label={t('myData.mailLanguage')} error={errors['language']}>
          <Select value={value.language} onChange={(event) => set({ language: event.target.value as 'nl' | 'en' })}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </Select>
        </Field>
        <p className="utrecht-button-group pm-actions">
          <Button type="submit" appearance="secondary-action-button" busy={update.isPending}>
            {t('myData.mailSave')}
          </Button>
        </p>
      </form>
      {update.isSuccess && <Alert type="ok">{<p className="utrecht-paragraph">{t('myData.mailSaved')}</p>}</Alert>}
      {update.isError && !Object.keys(errors).length && <ErrorState error={update.error} />}
    </section>
  );
}

function ErasureSection({ partner }: { partner: string }) {
  const { t, dateTime } = useI18n();
  const current = useErasureRequest(partner);
  const request = useRequestErasure(partner);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ params: { path: { idOrSlug: partner } }, body: reason.trim() ? { reason: reason.trim() } : {} });
  };
  return (
    <section className="pm-card" aria-labelledby="erasure-heading">
      <Heading2 id="erasure-heading">{t('myData.erasure')}</Heading2>
      <Paragraph>{t('myData.erasureText')}</Paragraph>
      {current.isPending && <Loading />}
      {current.isError && <ErrorState error={current.error} />}
      {current.data && (
        <Alert type="info">
          <p className="utrecht-paragraph">{t('myData.erasureRequested', { date: dateTime(current.data.requestedAt) })}</p>
        </Alert>
      )}
      {current.data === null && (
        <form onSubmit={submit} noValidate>
          <Field label={t('myData.erasureReason')} error={request.isError ? fieldErrors(request.error)['reason'] : undefined}>
            <Textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={1000} />
          </Field>
          <p className="utrecht-button-group pm-actions">
            <Button type="submit" appearance="secondary-action-button" busy={request.isPending}>
              {t('myData.erasureButton')}
            </Button>
          </p>
          {request.isError && !fieldErrors(request.error)['reason'] && <ErrorState error={request.error} />}
        </form>
      )}
    </section>
  );
}

/** Mijn gegevens: export, opting out of matching, erasure on request, mail preferences. */
export function MyDataPage() {
  const t = useT();
  useDocumentTitle(t('myData.title'));
  const partner = useSession().data?.partner ?? '';
  const own = useOwnPartner(partner);
  return (
    <>
      <Heading1>{t('myData.title')}</Heading1>
      <Paragraph lead>{t('myData.lead')}</Paragraph>
      <div className="pm-stack">
        <ExportSection partner={partner} />
        {own.isPending && <Loading />}
        {own.isError && <ErrorState error={own.error} onRetry={() => void own.refetch()} />}
        {own.data && <OptOutSection key={own.data.updatedAt} partner={own.data} />}
        <MailSection />
        <ErasureSection partner={partner} />
      </div>
    </>
  );
}
