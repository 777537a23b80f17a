import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { validators } from '../../api/errors.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { FormAlert } from '../../components/Feedback.js';
import { EmailField } from '../../kit/EmailField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { requestPasswordReset } from './password-reset-api.js';

/** "Forgot password?": the e-mail to send a link to; the answer never tells whether it is known. */
export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const v = validators(t);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: { mode: 'uncontrolled', initialValues: { email: '' }, validate: { email: v.email } },
    mutationFn: (values: { email: string }) => requestPasswordReset(values.email.trim()),
    onSuccess: (_result, values) => setSentTo(values.email.trim()),
  });

  return (
    <AuthLayout title={t('passwordReset.forgotTitle')} subtitle={t('passwordReset.forgotSubtitle')}>
      {sentTo ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" title={t('passwordReset.sentTitle')} role="status">
            {t('passwordReset.sent')}
          </Alert>
          <Button component={Link} to="/login" variant="light">
            {t('passwordReset.backToSignIn')}
          </Button>
        </Stack>
      ) : (
        <form noValidate onSubmit={onSubmit}>
          <Stack gap="md">
            <FormAlert messages={problems} />
            <EmailField form={form} name="email" autoFocus />
            <Button
              type="submit"
              loading={mutation.isPending}
              leftSection={<IconMailForward size={18} aria-hidden />}
              fullWidth
            >
              {t('passwordReset.send')}
            </Button>
            <Anchor component={Link} to="/login" size="sm" ta="center">
              {t('passwordReset.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
