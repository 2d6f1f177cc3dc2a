import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { asProblem, fieldErrors } from '../../../api/errors';
import { useSignIn } from '../../../api/session';
import { useDocumentTitle, useI18n, type Lang } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { EmailLinkForm } from '../../sign-in-link/components/EmailLinkForm';

/** Only same-app paths after sign-in: never an absolute URL from the query string. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/review';
}

export function SignInPage() {
  const { t, lang, setLang } = useI18n();
  useDocumentTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [key, setKey] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { body: { key: key.trim() } },
      {
        onSuccess: () => {
          setKey('');
          void navigate(safeNext(params.get('next')), { replace: true });
        },
      },
    );
  };

  const problem = signIn.isError ? asProblem(signIn.error) : null;
  const keyError = problem
    ? problem.status === 401
      ? t('signIn.unknownKey')
      : problem.status === 400
        ? (fieldErrors(signIn.error)['key'] ?? problem.detail)
        : undefined
    : undefined;

  return (
    <div className="pm-signin">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('nav.skip')}
      </a>
      <header className="pm-signin__header">
        <span className="pm-brand pm-brand--dark">
          Partnermatch <span className="pm-brand__sub">{t('app.subtitle')}</span>
        </span>
        <label className="pm-inline-field">
          <span>{t('nav.language')}</span>
          <select className="utrecht-select utrecht-select--html-select pm-select-small" value={lang} onChange={(event) => setLang(event.target.value as Lang)}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <main id="main" className="pm-signin__main" tabIndex={-1}>
        <div className="pm-card">
          <Heading1>{t('signIn.title')}</Heading1>
          <h2 className="utrecht-heading-2">{t('signIn.orKey')}</h2>
          <Paragraph>{t('signIn.lead')}</Paragraph>
          {problem && problem.status === 403 && (
            <Alert type="error" title={t('signIn.forbiddenTitle')}>
              <p className="utrecht-paragraph">{t('signIn.notForPartners')}</p>
            </Alert>
          )}
          {problem && problem.status !== 401 && problem.status !== 403 && problem.status !== 400 && (
            <Alert type="warning" title={problem.status === 503 ? t('state.unavailable') : t('state.error')}>
              {problem.detail && <p className="utrecht-paragraph">{problem.detail}</p>}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Field label={t('signIn.key')} description={t('signIn.keyHint')} error={keyError}>
              <Textbox type="password" autoComplete="off" spellCheck={false} value={key} onChange={(event) => setKey(event.target.value)} required />
            </Field>
            <p className="utrecht-button-group pm-actions">
              <Button type="submit" appearance="primary-action-button" busy={signIn.isPending} disabled={signIn.isPending}>
                {t('signIn.submit')}
              </Button>
            </p>
          </form>
          <Paragraph className="pm-hint">{t('signIn.privacy')}</Paragraph>
          <EmailLinkForm />
        </div>
      </main>
    </div>
  );
}
