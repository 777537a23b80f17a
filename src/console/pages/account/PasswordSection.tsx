import { Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { changePassword } from './api.js';
import { Section } from './Section.js';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function PasswordSection() {
  const { t } = useTranslation();
  const v = validators(t);
  const {
    form,
    mutation: change,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' } as PasswordValues,
      validate: {
        currentPassword: (value) => (value ? null : t('validation.required')),
        newPassword: (value, values) =>
          v.newPassword(value) ?? (value === values.currentPassword ? t('account.password.sameAsCurrent') : null),
        confirmPassword: (value, values) => v.confirm(value, values.newPassword),
      },
    },
    mutationFn: (values: PasswordValues) => changePassword(values),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'teal', message: t('account.password.changed') });
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'invalid_credentials')) return false;
      form.setFieldError('currentPassword', t('account.password.currentWrong'));
      return true;
    },
  });

  return (
    <Section
      title={t('account.password.title')}
      description={t('account.password.description', { min: limits.passwordMin })}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <PasswordField form={form} name="currentPassword" purpose="current" label={t('account.password.current')} />
            <PasswordField
              form={form}
              name="newPassword"
              purpose="new"
              hint={false}
              label={t('account.password.new')}
            />
            <PasswordField form={form} name="confirmPassword" purpose="confirm" />
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
