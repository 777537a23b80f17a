import { Alert, Button, Code, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconRocket } from '@tabler/icons-react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { meResponse } from '../../shared/contracts/me.js';
import { limits } from '../../shared/limits.js';
import { defaultTimeZone, isTimeZone } from '../../shared/locales.js';
import { api, ApiError } from '../api/client.js';
import { applyFieldErrors, errorText, validators } from '../api/errors.js';
import { queryKeys, signedInResponse, startSession, useSetupStatus } from '../api/queries.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../components/Feedback.js';
import { currentLanguage } from '../i18n.js';
import { useFormat } from '../lib/format.js';
import { browserTimeZone } from '../lib/time.js';

/**
 * The setup request carries no language or time zone: the first administrator gets the
 * language the setup page was shown in and this browser's time zone (both editable later).
 */
async function adoptBrowserPreferences(queryClient: QueryClient, user: { language: string; timeZone: string }) {
  const changes: { language?: string; timeZone?: string } = {};
  const language = currentLanguage();
  if (user.language !== language) changes.language = language;
  const zone = browserTimeZone();
  if (user.timeZone === defaultTimeZone && zone !== defaultTimeZone && isTimeZone(zone)) changes.timeZone = zone;
  if (Object.keys(changes).length === 0) return;
  try {
    queryClient.setQueryData(queryKeys.me, await api.patch('/me', changes, { schema: meResponse }));
  } catch {
    // Not worth failing setup over: the profile page can set both.
  }
}

interface SetupValues {
  token: string;
  accountName: string;
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
}

export default function SetupPage() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const status = useSetupStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);

  const form = useForm<SetupValues>({
    mode: 'uncontrolled',
    initialValues: { token: '', accountName: '', name: '', email: '', password: '', confirmPassword: '' },
    validate: {
      token: v.required,
      accountName: v.required,
      name: v.required,
      email: v.email,
      password: v.newPassword,
      confirmPassword: (value, values) => v.confirm(value, values.password),
    },
  });

  const setup = useMutation({
    mutationFn: (values: SetupValues) =>
      api.post(
        '/setup',
        {
          token: values.token.trim(),
          accountName: values.accountName.trim(),
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
        },
        { schema: signedInResponse, skipAuthRedirect: true },
      ),
    onSuccess: async (result) => {
      await startSession(queryClient, result.csrfToken);
      await adoptBrowserPreferences(queryClient, result.user);
      notifications.show({ color: 'teal', title: t('setup.doneTitle'), message: t('setup.doneMessage') });
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_setup_token') {
        form.setFieldError('token', t('errors.invalid_setup_token'));
        return;
      }
      if (error instanceof ApiError && error.code === 'setup_closed') {
        queryClient.setQueryData(queryKeys.setup, { required: false });
        notifications.show({ color: 'blue', message: t('errors.setup_closed') });
        void navigate('/login', { replace: true });
        return;
      }
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      setProblems(unmatched ?? [errorText(t, error, locale)]);
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
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblems([]);
          setup.mutate(values);
        })}
      >
        <Stack gap="md">
          <Alert variant="light" color="blue" icon={<IconInfoCircle aria-hidden />}>
            {t('setup.intro')}
          </Alert>
          <FormAlert messages={problems} />
          <TextInput
            label={t('setup.token')}
            description={<Trans i18nKey="setup.tokenHelp" components={{ code: <Code /> }} />}
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={limits.setupToken}
            autoFocus
            key={form.key('token')}
            {...form.getInputProps('token')}
          />
          <Divider label={t('setup.accountSection')} labelPosition="left" />
          <TextInput
            label={t('setup.accountName')}
            description={t('setup.accountNameHelp')}
            autoComplete="organization"
            required
            maxLength={limits.accountName}
            key={form.key('accountName')}
            {...form.getInputProps('accountName')}
          />
          <Divider label={t('setup.adminSection')} labelPosition="left" />
          <TextInput
            label={t('fields.name')}
            autoComplete="name"
            required
            maxLength={limits.name}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            required
            maxLength={limits.email}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('fields.passwordHelp', { min: limits.passwordMin })}
            autoComplete="new-password"
            required
            maxLength={limits.passwordMax}
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            required
            maxLength={limits.passwordMax}
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
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
