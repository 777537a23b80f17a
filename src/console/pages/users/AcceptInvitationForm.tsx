import { Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Invitation } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { isTimeZone } from '../../../shared/locales.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { browserTimeZone } from '../../lib/time.js';
import { startSession } from '../../session/api.js';
import { acceptInvitation } from './api.js';

interface AcceptValues {
  name: string;
  password: string;
  confirmPassword: string;
}

/** The invited person's name and password; accepted, they are signed in. `onGone`: the link stopped working. */
export function AcceptInvitationForm({
  token,
  invitation,
  onGone,
}: {
  token: string;
  invitation: Invitation;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const v = validators(t);
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { name: invitation.name, password: '', confirmPassword: '' } as AcceptValues,
      validate: {
        name: v.required,
        password: v.newPassword,
        confirmPassword: (value, values) => v.confirm(value, values.password),
      },
    },
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
        <TextInput
          label={t('fields.email')}
          value={invitation.email}
          readOnly
          variant="filled"
          autoComplete="username"
        />
        <TextInput
          label={t('fields.name')}
          required
          maxLength={limits.name}
          autoComplete="name"
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <PasswordField form={form} name="password" purpose="new" autoFocus />
        <PasswordField form={form} name="confirmPassword" purpose="confirm" />
        <Button
          type="submit"
          loading={mutation.isPending}
          leftSection={<IconCheck size={18} aria-hidden />}
          fullWidth
          mt="xs"
        >
          {t('invitation.submit')}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          {t('invitation.expires', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
      </Stack>
    </form>
  );
}
