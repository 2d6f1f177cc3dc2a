import { useNavigate, useSearchParams } from 'react-router';
import { asProblem } from '../../../api/errors';
import { useSignIn } from '../../../api/session';
import { useDocumentTitle, useI18n, type Lang } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { EmailLinkForm } from './EmailLinkForm';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,200}$/;

/**
 * The page a sign-in mail links to. Opening it changes nothing (mail scanners open links);
 * only the button posts the token, which starts the session once.
 */
export function SignInLinkPage() {
  const { t, lang, setLang } = useI18n();
  useDocumentTitle(t('signInLink.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const token = params.get('token') ?? '';
  const wellFormed = TOKEN_SHAPE.test(token);

  const submit = () =>
    signIn.mutate(
      { body: { token } },
      {
        onSuccess: (session) => {
          // The token is spent: keep it out of the history the back button returns to.
          void navigate(session.role === 'partner' ? '/for-you' : '/review', { replace: true });
        },
      },
    );

  const problem = signIn.isError ? asProblem(signIn.error) : null;
  const unusable = !wellFormed || (problem !== null && (problem.status === 401 || problem.status === 400));

  return (
    <div className="pm-signin">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
        {t('nav.skip')}
      </a>
      <header className="pm-signin__header">
        <span className="pm-brand pm-brand--dark">Partnermatch</span>
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
          {unusable ? (
            <>
              <Heading1>{t('signInLink.invalidTitle')}</Heading1>
              <Alert type="error">
                <p className="utrecht-paragraph">{wellFormed ? t('signInLink.invalidText') : t('signInLink.missing')}</p>
              </Alert>
              <EmailLinkForm />
            </>
          ) : (
            <>
              <Heading1>{t('signInLink.title')}</Heading1>
              <Paragraph>{t('signInLink.lead')}</Paragraph>
              {problem && (
                <Alert type="warning" title={problem.status === 503 ? t('state.unavailable') : t('state.error')}>
                  {problem.status !== 503 && problem.detail && <p className="utrecht-paragraph">{problem.detail}</p>}
                </Alert>
              )}
              <p className="utrecht-button-group pm-actions">
                <Button type="button" appearance="primary-action-button" busy={signIn.isPending} disabled={signIn.isPending} onClick={submit}>
                  {t('signInLink.submit')}
                </Button>
              </p>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
