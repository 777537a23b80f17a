import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { FormAlert } from '../../components/Feedback.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';

/** Asks for the password before the second factor is set up, turned off or its codes replaced. */
export function PasswordModal({
  opened,
  title,
  message,
  submitLabel,
  danger,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  message: string;
  submitLabel: string;
  danger?: boolean;
  onClose: () => void;
  onConfirm: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const {
    form,
    mutation: confirm,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { password: '' },
      validate: { password: (v: string) => (v ? null : t('validation.required')) },
    },
    mutationFn: (password: string) => onConfirm(password),
    toVariables: (values) => values.password,
    onSuccess: () => {
      form.reset();
      setProblems([]);
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'invalid_credentials')) return false;
      form.setFieldError('password', t('twoFactor.passwordWrong'));
      return true;
    },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <FormAlert messages={problems} />
          <PasswordField form={form} name="password" purpose="current" label={t('twoFactor.password')} data-autofocus />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={confirm.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
