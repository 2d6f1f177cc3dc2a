import { useDocumentTitle, useT } from '../i18n/i18n';
import { Heading1, Paragraph } from '../ui/Typography';
import { Link } from '../ui/Link';

export function NotFound() {
  const t = useT();
  useDocumentTitle(t('state.notFound'));
  return (
    <>
      <Heading1>{t('state.notFound')}</Heading1>
      <Paragraph>
        <Link to="/review">{t('nav.review')}</Link>
      </Paragraph>
    </>
  );
}
