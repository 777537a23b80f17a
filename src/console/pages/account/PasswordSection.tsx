import { Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { changePassword } from './api.js';
import { Section } from './Section.js';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function PasswordSection() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<PasswordValues>({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value, values) =>
        v.newPassword(value) ?? (value === values.currentPassword ? t('account.password.sameAsCurrent') : null),
      confirmPassword: (value, values) => v.confirm(value, values.newPassword),
    },
  });

  const change = useMutation({
    mutationFn: (values: PasswordValues) => changePassword(values),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'teal', message: t('account.password.changed') });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError('currentPassword', t('account.password.currentWrong'));
        return;
      }
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      setProblems(unmatched ?? [errorText(t, error, locale)]);
    },
  });

  return (
    <Section
      title={t('account.password.title')}
      description={t('account.password.description', { min: limits.passwordMin })}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setProblems([]);
          change.mutate(values);
        })}
      >
        <Stack gap="md">
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <PasswordInput
              label={t('account.password.current')}
              autoComplete="current-password"
              required
              maxLength={limits.passwordMax}
              key={form.key('currentPassword')}
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('account.password.new')}
              autoComplete="new-password"
              required
              maxLength={limits.passwordMax}
              key={form.key('newPassword')}
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('fields.confirmPassword')}
              autoComplete="new-password"
              required
              maxLength={limits.passwordMax}
              key={form.key('confirmPassword')}
              {...form.getInputProps('confirmPassword')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
