import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../../api/session';
import { useDocumentTitle, useT } from '../../../i18n/i18n';
import { Alert } from '../../../ui/Alert';
import { Link } from '../../../ui/Link';
import { ErrorState, Loading } from '../../../ui/States';
import { Heading1, Paragraph } from '../../../ui/Typography';
import { useOwnPartner } from '../../for-you/api/for-you';
import { PartnerEditForm } from '../../partners/components/PartnerEditForm';
import '../../../theme/partner-pages.css';

/** Profiel: the partner edits its own profile with the same pickers the admins use. */
export function ProfilePage() {
  const t = useT();
  useDocumentTitle(t('profile.title'));
  const partner = useSession().data?.partner ?? '';
  const own = useOwnPartner(partner);
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(0);

  const onDone = () => {
    setSaved((count) => count + 1);
    void queryClient.invalidateQueries({ queryKey: ['get', '/v1/partners/{idOrSlug}'] });
    void queryClient.invalidateQueries({ queryKey: ['get', '/v1/partners/{idOrSlug}/suggestions'] });
  };

  return (
    <>
      <Heading1>{t('profile.title')}</Heading1>
      <Paragraph lead>{t('profile.lead')}</Paragraph>
      {saved > 0 && (
        <Alert type="ok" title={t('profile.saved')}>
          <p className="utrecht-paragraph">
            <Link to="/for-you">{t('profile.toForYou')}</Link>
          </p>
        </Alert>
      )}
      {own.isPending && <Loading />}
      {own.isError && <ErrorState error={own.error} onRetry={() => void own.refetch()} />}
      {own.data && <PartnerEditForm key={own.data.updatedAt} partner={own.data} onDone={onDone} />}
    </>
  );
}
