import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';

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
  const format = useFormat();
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (v: string) => (v ? null : t('validation.required')) },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  const confirm = useMutation({
    mutationFn: (password: string) => onConfirm(password),
    onSuccess: () => {
      form.reset();
      setProblems([]);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError('password', t('twoFactor.passwordWrong'));
        return;
      }
      setProblems(applyFieldErrors(form, error, t, currentLanguage()) ?? [errorText(t, error, format.locale)]);
    },
  });
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form noValidate onSubmit={form.onSubmit((values) => confirm.mutate(values.password))}>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <FormAlert messages={problems} />
          <PasswordInput
            label={t('twoFactor.password')}
            autoComplete="current-password"
            required
            maxLength={limits.passwordMax}
            data-autofocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
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
