import { useDocumentTitle, useT } from '../i18n/i18n';
import { Heading1 } from '../ui/Typography';
import { HomeLink } from './RequireRole';

export function NotFound() {
  const t = useT();
  useDocumentTitle(t('state.notFound'));
  return (
    <>
      <Heading1>{t('state.notFound')}</Heading1>
      <HomeLink />
    </>
  );
}
