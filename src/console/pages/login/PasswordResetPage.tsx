import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLinkOff } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PasswordResetLink } from '../../../shared/contracts/password-reset.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { applyLanguage } from '../../i18n.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { completePasswordReset, usePasswordResetLink } from './password-reset-api.js';

/** The page of an e-mailed reset link: a new password, then on to sign in. */
export default function PasswordResetPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const link = usePasswordResetLink(token);

  // the page speaks the user's language, once; they may switch
  const adopted = useRef(false);
  useEffect(() => {
    if (link.data && !adopted.current) {
      adopted.current = true;
      void applyLanguage(link.data.language);
    }
  }, [link.data]);

  if (link.isPending) return <PageLoader fullScreen />;
  if (link.isError) {
    const gone = link.error instanceof ApiError && link.error.status === 404;
    return (
      <AuthLayout title={t('passwordReset.title')}>
        {gone ? <LinkGone /> : <LoadError error={link.error} onRetry={() => void link.refetch()} />}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title={t('passwordReset.title')}
      subtitle={t('passwordReset.subtitle', { email: link.data.email, account: link.data.accountName })}
    >
      <NewPasswordForm token={token} link={link.data} onGone={() => void link.refetch()} />
    </AuthLayout>
  );
}

function LinkGone() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert
        color="orange"
        variant="light"
        icon={<IconLinkOff size={18} aria-hidden />}
        title={t('passwordReset.invalidTitle')}
      >
        {t('passwordReset.invalid')}
      </Alert>
      <Button component={Link} to="/forgot-password" variant="light">
        {t('passwordReset.askAgain')}
      </Button>
    </Stack>
  );
}

interface Values {
  password: string;
  confirmPassword: string;
}

function NewPasswordForm({ token, link, onGone }: { token: string; link: PasswordResetLink; onGone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const v = validators(t);
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { password: '', confirmPassword: '' } as Values,
      validate: {
        password: v.newPassword,
        confirmPassword: (value, values) => v.confirm(value, values.password),
      },
    },
    mutationFn: (values: Values) => completePasswordReset(token, values.password),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('passwordReset.done'), autoClose: 10_000 });
      void navigate('/login', { replace: true });
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'not_found')) return false;
      onGone();
      return true;
    },
  });

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormAlert messages={problems} />
        <TextInput label={t('fields.email')} value={link.email} readOnly variant="filled" autoComplete="username" />
        <PasswordField form={form} name="password" purpose="new" autoFocus />
        <PasswordField form={form} name="confirmPassword" purpose="confirm" />
        <Button
          type="submit"
          loading={mutation.isPending}
          leftSection={<IconCheck size={18} aria-hidden />}
          fullWidth
          mt="xs"
        >
          {t('passwordReset.submit')}
        </Button>
        <Text size="xs" ta="center">
          {t('passwordReset.expires', { date: format.dateTime(link.expiresAt) })}
        </Text>
      </Stack>
    </form>
  );
}
