import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Invitation } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { isTimeZone } from '../../../shared/locales.js';
import { validators } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';
import { LinkPasswordForm, linkGoneOn404 } from '../../kit/LinkPasswordForm.js';
import { emptyNewPassword, newPasswordRules, type NewPasswordValues } from '../../kit/NewPasswordFields.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { browserTimeZone } from '../../lib/time.js';
import { startSession } from '../../session/api.js';
import { acceptInvitation } from './api.js';

interface AcceptValues extends NewPasswordValues {
  name: string;
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
  const api = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { name: invitation.name, ...emptyNewPassword } as AcceptValues,
      validate: { name: v.required, ...newPasswordRules(t) },
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
    handleError: linkGoneOn404(onGone),
  });

  return (
    <LinkPasswordForm
      api={api}
      email={invitation.email}
      submitLabel={t('invitation.submit')}
      footnote={t('invitation.expires', { date: format.dateTime(invitation.expiresAt) })}
    >
      <TextInput
        label={t('fields.name')}
        required
        maxLength={limits.name}
        autoComplete="name"
        key={api.form.key('name')}
        {...api.form.getInputProps('name')}
      />
    </LinkPasswordForm>
  );
}
