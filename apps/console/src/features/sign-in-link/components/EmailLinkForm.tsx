import { useState, type FormEvent } from 'react';
import { asProblem } from '../../../api/errors';
import { useT } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Heading2, Paragraph } from '../../../ui/Typography';
import { useRequestSignInLink } from '../api/sign-in-link';
import '../../../theme/partner-pages.css';

/** "E-mail me a link": the answer is the same for every address, so the page says the same too. */
export function EmailLinkForm() {
  const t = useT();
  const request = useRequestSignInLink();
  const [email, setEmail] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ body: { email: email.trim() } });
  };
  const problem = request.isError ? asProblem(request.error) : null;

  return (
    <section aria-labelledby="email-link-heading" className="pm-section">
      <Heading2 id="email-link-heading">{t('signIn.byMail')}</Heading2>
      <Paragraph>{t('signIn.byMailLead')}</Paragraph>
      {request.isSuccess && (
        <Alert type="ok" title={t('signIn.checkMail')}>
          <p className="utrecht-paragraph">{t('signIn.checkMailText')}</p>
        </Alert>
      )}
      {problem && (
        <Alert type="warning" title={problem.status === 503 ? t('state.unavailable') : t('state.error')}>
          {problem.status !== 503 && problem.detail && <p className="utrecht-paragraph">{problem.detail}</p>}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Field label={t('signIn.email')}>
          <Textbox type="email" autoComplete="email" spellCheck={false} value={email} onChange={(event) => setEmail(event.target.value)} required />
        </Field>
        <p className="utrecht-button-group pm-actions">
          <Button type="submit" appearance="secondary-action-button" busy={request.isPending} disabled={request.isPending}>
            {t('signIn.sendLink')}
          </Button>
        </p>
      </form>
    </section>
  );
}
