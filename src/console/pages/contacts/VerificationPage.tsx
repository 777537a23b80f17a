import { Alert, Stack } from '@mantine/core';
import { IconCheck, IconLinkOff } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AuthLayout } from '../../components/AuthLayout.js';
import { confirmVerification } from './api.js';
import { BusyIndicator } from '../../components/Feedback.js';

/** The public page of an e-mail verification link: confirms the address once, without sign-in. */
export default function ContactVerificationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const confirm = useMutation({
    mutationFn: () => confirmVerification(token),
  });
  const started = useRef(false);
  useEffect(() => {
    if (!started.current) {
      started.current = true;
      confirm.mutate();
    }
  }, [confirm]);
  return (
    <AuthLayout title={t('contacts.verification.title')}>
      <Stack>
        {confirm.isSuccess ? (
          <Alert color="teal" icon={<IconCheck aria-hidden />} role="status">
            {t('contacts.verification.done', { value: confirm.data.value })}
          </Alert>
        ) : confirm.isError ? (
          <Alert color="red" icon={<IconLinkOff aria-hidden />} role="alert">
            {t('contacts.verification.failed')}
          </Alert>
        ) : (
          <Stack align="center">
            <BusyIndicator label={t('contacts.verification.working')} />
          </Stack>
        )}
      </Stack>
    </AuthLayout>
  );
}
