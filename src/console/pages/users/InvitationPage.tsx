import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLinkOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { limits } from '../../../shared/limits.js';
import { isTimeZone } from '../../../shared/locales.js';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { AuthLayout } from '../../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { applyLanguage, currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { browserTimeZone } from '../../lib/time.js';
import { startSession } from '../../session/api.js';
import { acceptInvitation, useInvitation } from './api.js';

interface AcceptValues {
  name: string;
  password: string;
  confirmPassword: string;
}

/** The public page of an invitation link: the invited person chooses a password and is signed in. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);

  const invitation = useInvitation(token);

  // the page speaks the language the administrator chose for the invitee, once; they may switch
  const adopted = useRef(false);
  useEffect(() => {
    if (invitation.data && !adopted.current) {
      adopted.current = true;
      void applyLanguage(invitation.data.language);
    }
  }, [invitation.data]);

  const form = useForm<AcceptValues>({
    mode: 'uncontrolled',
    initialValues: { name: '', password: '', confirmPassword: '' },
    validate: {
      name: v.required,
      password: v.newPassword,
      confirmPassword: (value, values) => v.confirm(value, values.password),
    },
  });
  const filled = useRef(false);
  useEffect(() => {
    if (invitation.data && !filled.current) {
      filled.current = true;
      form.setFieldValue('name', invitation.data.name);
    }
  }, [invitation.data, form]);

  const accept = useMutation({
    mutationFn: (values: AcceptValues) => {
      const zone = browserTimeZone();
      return acceptInvitation(token, {
        password: values.password,
        name: values.name.trim(),
        language: currentLanguage(),
        ...(isTimeZone(zone) ? { timeZone: zone } : {}),
      });
    },
    onSuccess: async (result) => {
      await startSession(queryClient, result.csrfToken);
      notifications.show({ color: 'teal', message: t('invitation.welcome', { name: result.user.name }) });
      void navigate('/', { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'not_found') {
        void invitation.refetch();
        return;
      }
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      setProblems(unmatched ?? [errorText(t, error, format.locale)]);
    },
  });

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
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblems([]);
          accept.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput label={t('fields.email')} value={data.email} readOnly variant="filled" autoComplete="username" />
          <TextInput
            label={t('fields.name')}
            required
            maxLength={limits.name}
            autoComplete="name"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={t('fields.passwordHelp', { min: limits.passwordMin })}
            required
            maxLength={limits.passwordMax}
            autoComplete="new-password"
            autoFocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <PasswordInput
            label={t('fields.confirmPassword')}
            required
            maxLength={limits.passwordMax}
            autoComplete="new-password"
            key={form.key('confirmPassword')}
            {...form.getInputProps('confirmPassword')}
          />
          <Button
            type="submit"
            loading={accept.isPending}
            leftSection={<IconCheck size={18} aria-hidden />}
            fullWidth
            mt="xs"
          >
            {t('invitation.submit')}
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            {t('invitation.expires', { date: format.dateTime(data.expiresAt) })}
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
