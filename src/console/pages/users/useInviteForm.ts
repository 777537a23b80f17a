import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validators } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { inviteUser, inviteUsers, refreshUsers, userErrorText } from './api.js';
import { hasFieldProblems, inviteProblems, inviteRules, splitEmails, type InviteValues } from './invite-values.js';

/** Sends the invitation of one person or several, with one role and one company access. */
async function sendInvitations(input: InviteValues) {
  const list = splitEmails(input.emails);
  const companyIds = input.access === 'all' || input.role === 'administrator' ? 'all' : input.companyIds;
  const [only] = list;
  if (only !== undefined && list.length === 1) {
    const { role, language } = input;
    return [await inviteUser({ email: only, name: input.name.trim(), role, companyIds, language })];
  }
  const people = list.map((email) => ({ email }));
  return (await inviteUsers({ people, role: input.role, companyIds, language: input.language })).items;
}

/** The invitation form (prefilled with a company when given) and its sending; `close` empties it. */
export function useInviteForm(companyId: string | null | undefined, onClose: () => void) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const initial: InviteValues = {
    emails: '',
    name: '',
    role: 'technician',
    access: companyId ? 'chosen' : 'all',
    companyIds: companyId ? [companyId] : [],
    language: me.user.language,
  };
  const form = useForm<InviteValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: inviteRules(t, validators(t).required),
  });

  const close = () => {
    form.setValues(initial);
    form.resetDirty(initial);
    form.clearErrors();
    setProblems([]);
    onClose();
  };

  const send = useMutation({
    mutationFn: sendInvitations,
    onSuccess: (created) => {
      refreshUsers(queryClient);
      const [first] = created;
      notifications.show({
        color: 'teal',
        message:
          created.length === 1 && first
            ? t('users.invite.sentOne', { email: first.email })
            : t('users.invite.sentMany', { count: created.length }),
      });
      close();
    },
    onError: (error) => {
      if (hasFieldProblems(error)) {
        const { fields, rest } = inviteProblems(t, error, splitEmails(form.getValues().emails));
        for (const [field, message] of Object.entries(fields)) form.setFieldError(field, message);
        setProblems(rest);
        return;
      }
      setProblems([userErrorText(t, error, locale)]);
    },
  });

  const onSubmit = form.onSubmit((input) => {
    setProblems([]);
    send.mutate(input);
  });
  return { form, send, problems, close, onSubmit };
}
