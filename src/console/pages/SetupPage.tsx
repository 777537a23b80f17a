import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconRocket } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../api/client.js';
import { validators } from '../api/errors.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../components/Feedback.js';
import { emptyNewPassword, newPasswordRules } from '../kit/NewPasswordFields.js';
import { useApiForm } from '../kit/useApiForm.js';
import { runSetup, sessionKeys, startSession, useSetupStatus } from '../session/api.js';
import { adoptBrowserPreferences } from './setup/browser-preferences.js';
import { SetupFields, type SetupFormValues } from './setup/SetupFields.js';

export default function SetupPage() {
  const { t } = useTranslation();
  const status = useSetupStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const v = validators(t);

  const {
    form,
    mutation: setup,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: {
        token: '',
        accountName: '',
        name: '',
        email: '',
        ...emptyNewPassword,
      } as SetupFormValues,
      validate: {
        token: v.required,
        accountName: v.required,
        name: v.required,
        email: v.email,
        ...newPasswordRules(t),
      },
    },
    mutationFn: runSetup,
    onSuccess: async (result) => {
      await startSession(queryClient, result.csrfToken);
      await adoptBrowserPreferences(queryClient, result.user);
      notifications.show({ color: 'teal', title: t('setup.doneTitle'), message: t('setup.doneMessage') });
      void navigate('/', { replace: true });
    },
    handleError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_setup_token') {
        form.setFieldError('token', t('errors.invalid_setup_token'));
        return true;
      }
      if (error instanceof ApiError && error.code === 'setup_closed') {
        queryClient.setQueryData(sessionKeys.setup, { required: false });
        notifications.show({ color: 'blue', message: t('errors.setup_closed') });
        void navigate('/login', { replace: true });
        return true;
      }
      return false;
    },
  });

  if (status.isPending) return <PageLoader fullScreen />;
  if (status.data && !status.data.required) return <Navigate to="/login" replace />;

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} size={520}>
      {status.isError ? (
        <Stack mb="md">
          <LoadError error={status.error} onRetry={() => void status.refetch()} />
        </Stack>
      ) : null}
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
            {t('setup.intro')}
          </Alert>
          <FormAlert messages={problems} />
          <SetupFields form={form} />
          <Button
            type="submit"
            loading={setup.isPending}
            leftSection={<IconRocket size={18} aria-hidden />}
            fullWidth
            mt="xs"
          >
            {t('setup.submit')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('setup.footnote')}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
