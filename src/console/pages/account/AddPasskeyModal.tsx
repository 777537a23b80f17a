import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passkeyNameMax, type Passkey } from '../../../shared/contracts/passkeys.js';
import { ApiError } from '../../api/client.js';
import { FormAlert } from '../../components/Feedback.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { addPasskey } from '../../passkeys/api.js';
import { defaultPasskeyName, passkeyErrorText } from '../../passkeys/errors.js';

/** Adds a passkey: its name (one is proposed) and the password again; then the browser asks the device. */
export function AddPasskeyModal({
  opened,
  onClose,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  onAdded: (passkey: Passkey) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const { form, mutation, problems, setProblems, onSubmit } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { name: defaultPasskeyName(t), password: '' },
      validate: {
        name: (v: string) => (v.trim() ? null : t('validation.required')),
        password: (v: string) => (v ? null : t('validation.required')),
      },
    },
    mutationFn: (values: { name: string; password: string }) => addPasskey(values.password, values.name.trim()),
    onSuccess: (passkey) => {
      form.reset();
      setProblems([]);
      onAdded(passkey);
    },
    handleError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials' && !error.details) return false;
      if (error instanceof ApiError && error.code === 'validation_failed') return false;
      if (error instanceof ApiError && error.code === 'invalid_credentials' && Array.isArray(error.details)) {
        form.setFieldError('password', t('twoFactor.passwordWrong'));
        return true;
      }
      setProblems([passkeyErrorText(t, error, locale)]);
      return true;
    },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('passkeys.add.title')} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <Text size="sm">{t('passkeys.add.message')}</Text>
          <FormAlert messages={problems} />
          <TextInput
            label={t('passkeys.name')}
            required
            maxLength={passkeyNameMax}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <PasswordField form={form} name="password" purpose="current" label={t('twoFactor.password')} data-autofocus />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('passkeys.add.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
