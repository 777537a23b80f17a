import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmailedLinkPage } from '../../kit/EmailedLinkPage.js';
import { useInvitation } from './api.js';
import { AcceptInvitationForm } from './AcceptInvitationForm.js';

/**
 * The public page of an invitation link, in the language the administrator chose for the invitee: the invited
 * person chooses a password and is signed in.
 */
export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  return (
    <EmailedLinkPage
      link={invitation}
      title={t('invitation.title')}
      subtitle={(data) => t('invitation.subtitle', { account: data.accountName })}
      gone={{
        title: t('invitation.invalidTitle'),
        text: t('invitation.invalid'),
        action: t('invitation.toSignIn'),
        to: '/login',
      }}
    >
      {(data) => <AcceptInvitationForm token={token} invitation={data} onGone={() => void invitation.refetch()} />}
    </EmailedLinkPage>
  );
}
