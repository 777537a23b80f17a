import { Alert, Button, Stack } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { applyLanguage } from '../../i18n.js';
import { useInvitation } from './api.js';
import { AcceptInvitationForm } from './AcceptInvitationForm.js';

/** The public page of an invitation link: the invited person chooses a password and is signed in. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useInvitation(token);

  // the page speaks the language the administrator chose for the invitee, once; they may switch
  const adopted = useRef(false);
  useEffect(() => {
    if (invitation.data && !adopted.current) {
      adopted.current = true;
      void applyLanguage(invitation.data.language);
    }
  }, [invitation.data]);

  if (invitation.isPending) return <PageLoader fullScreen />;

  if (invitation.isError) {
    const gone = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <AuthLayout title={t('invitation.title')}>
        {gone ? (
          <Stack gap="md">
            <Alert
              color="orange"
              variant="light"
              icon={<IconLinkOff size={18} aria-hidden />}
              title={t('invitation.invalidTitle')}
            >
              {t('invitation.invalid')}
            </Alert>
            <Button component={Link} to="/login" variant="light">
              {t('invitation.toSignIn')}
            </Button>
          </Stack>
        ) : (
          <LoadError error={invitation.error} onRetry={() => void invitation.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const data = invitation.data;
  return (
    <AuthLayout title={t('invitation.title')} subtitle={t('invitation.subtitle', { account: data.accountName })}>
      <AcceptInvitationForm token={token} invitation={data} onGone={() => void invitation.refetch()} />
    </AuthLayout>
  );
}
