import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { roles, type Role } from '../../../shared/permissions.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { ApiError } from '../../api/client.js';
import { fieldProblemText, validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { inviteUser, inviteUsers, refreshUsers, useCompanyChoices, userErrorText } from './api.js';

interface InviteValues {
  emails: string;
  name: string;
  role: Role;
  access: 'all' | 'chosen';
  companyIds: string[];
  language: Language;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const splitEmails = (text: string) => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  ),
];

/** Role choices with what each may do, shared by the invitation and the user's role step. */
export function RoleChoices({
  value,
  onChange,
  disabled,
}: {
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as Role)} label={t('users.fields.role')} required>
      <Stack gap="sm" mt="xs">
        {roles.map((role) => (
          <Radio
            key={role}
            value={role}
            disabled={disabled}
            label={t(`roles.${role}`)}
            description={t(`users.roleHelp.${role}`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/**
 * Invites one person (with their name) or several (names from their addresses) with one role and
 * one company access. Opened from the users list, or prefilled from a company's page.
 */
export function InviteModal({
  opened,
  onClose,
  companyId,
}: {
  opened: boolean;
  onClose: () => void;
  companyId?: string | null;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
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
    validate: {
      emails: (value) => {
        const list = splitEmails(value);
        if (list.length === 0) return t('validation.required');
        const bad = list.filter((e) => !emailPattern.test(e) || e.length > limits.email);
        if (bad.length) return t('users.invite.badEmails', { emails: bad.join(', ') });
        if (list.length > limits.inviteBatch) return t('users.invite.tooMany', { max: limits.inviteBatch });
        return null;
      },
      name: (value, values) => (splitEmails(values.emails).length === 1 ? v.required(value) : null),
      companyIds: (value, values) =>
        values.role !== 'administrator' && values.access === 'chosen' && value.length === 0
          ? t('users.access.chooseOne')
          : null,
    },
  });
  const values = form.getValues();
  const emails = splitEmails(values.emails);
  const many = emails.length > 1;

  const close = () => {
    form.setValues(initial);
    form.resetDirty(initial);
    form.clearErrors();
    setProblems([]);
    onClose();
  };

  const send = useMutation({
    mutationFn: async (input: InviteValues) => {
      const list = splitEmails(input.emails);
      const companyIds = input.access === 'all' || input.role === 'administrator' ? 'all' : input.companyIds;
      const [only] = list;
      if (only !== undefined && list.length === 1) {
        return [
          await inviteUser({
            email: only,
            name: input.name.trim(),
            role: input.role,
            companyIds,
            language: input.language,
          }),
        ];
      }
      const result = await inviteUsers({
        people: list.map((email) => ({ email })),
        role: input.role,
        companyIds,
        language: input.language,
      });
      return result.items;
    },
    onSuccess: (created) => {
      refreshUsers(queryClient);
      notifications.show({
        color: 'teal',
        message:
          created.length === 1 && created[0]
            ? t('users.invite.sentOne', { email: created[0].email })
            : t('users.invite.sentMany', { count: created.length }),
      });
      close();
    },
    onError: (error) => {
      const list = splitEmails(form.getValues().emails);
      if (error instanceof ApiError && Array.isArray(error.details)) {
        const details = error.details as FieldProblem[];
        const emailProblems = details.filter((d) => d.path === 'email' || /^people\.\d+\.email$/.test(d.path));
        if (emailProblems.length) {
          const named = emailProblems.map((d) => list[Number(/^people\.(\d+)/.exec(d.path)?.[1] ?? 0)]).filter(Boolean);
          form.setFieldError(
            'emails',
            error.code === 'conflict'
              ? t('users.invite.taken', { emails: named.join(', ') })
              : t('users.invite.duplicates', { emails: named.join(', ') }),
          );
        }
        const companyProblem = details.find((d) => d.path.startsWith('companyIds'));
        if (companyProblem) form.setFieldError('companyIds', fieldProblemText(t, companyProblem, currentLanguage()));
        const nameProblem = details.find((d) => d.path === 'name');
        if (nameProblem) form.setFieldError('name', fieldProblemText(t, nameProblem, currentLanguage()));
        const rest = details.filter((d) => !emailProblems.includes(d) && d !== companyProblem && d !== nameProblem);
        setProblems(rest.map((d) => `${d.path}: ${fieldProblemText(t, d, currentLanguage())}`));
        return;
      }
      setProblems([userErrorText(t, error, locale)]);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={t('users.invite.title')} size="lg" centered>
      <form
        noValidate
        onSubmit={form.onSubmit((input) => {
          setProblems([]);
          send.mutate(input);
        })}
      >
        <Stack gap="md">
          <FormAlert messages={problems} />
          <Textarea
            label={t('users.invite.emails')}
            description={t('users.invite.emailsHelp', { max: limits.inviteBatch })}
            autosize
            minRows={2}
            maxRows={8}
            required
            data-autofocus
            spellCheck={false}
            {...form.getInputProps('emails')}
          />
          {many ? (
            <Text size="sm" c="dimmed">
              {t('users.invite.manyNames', { count: emails.length })}
            </Text>
          ) : (
            <TextInput
              label={t('users.fields.name')}
              required
              maxLength={limits.name}
              autoComplete="off"
              {...form.getInputProps('name')}
            />
          )}
          <RoleChoices value={values.role} onChange={(role) => form.setFieldValue('role', role)} />
          <Radio.Group
            label={t('users.access.label', labelOptions(words))}
            value={values.role === 'administrator' ? 'all' : values.access}
            onChange={(value) => form.setFieldValue('access', value as InviteValues['access'])}
          >
            <Group gap="lg" mt="xs">
              <Radio
                value="all"
                label={t('companySwitcher.all', labelOptions(words))}
                disabled={values.role === 'administrator'}
              />
              <Radio
                value="chosen"
                label={t('users.access.chosen', labelOptions(words))}
                disabled={values.role === 'administrator'}
              />
            </Group>
          </Radio.Group>
          {values.role === 'administrator' ? (
            <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('users.access.administratorsAll', labelOptions(words))}
            </Alert>
          ) : values.access === 'chosen' ? (
            <MultiSelect
              label={words.plural}
              data={companies.options}
              searchable
              required
              nothingFoundMessage={t('common.nothingFound')}
              maxDropdownHeight={240}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('companyIds')}
            />
          ) : null}
          <Select
            label={t('users.invite.language')}
            description={t('users.invite.languageHelp')}
            data={languages.map((language) => ({ value: language, label: t('language.self', { lng: language }) }))}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
          <Text size="sm" c="dimmed">
            {t('users.invite.note')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={send.isPending} leftSection={<IconSend size={16} aria-hidden />}>
              {many ? t('users.invite.submitMany', { count: emails.length }) : t('users.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
