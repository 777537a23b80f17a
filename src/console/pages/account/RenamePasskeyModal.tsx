import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { passkeyNameMax, type Passkey } from '../../../shared/contracts/passkeys.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { renamePasskey } from '../../passkeys/api.js';

/** Renames one of your passkeys. */
export function RenamePasskeyModal({
  passkey,
  onClose,
  onRenamed,
}: {
  passkey: Passkey;
  onClose: () => void;
  onRenamed: (passkey: Passkey) => void;
}) {
  const { t } = useTranslation();
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { name: passkey.name },
      validate: { name: (v: string) => (v.trim() ? null : t('validation.required')) },
    },
    mutationFn: (values: { name: string }) => renamePasskey(passkey.id, values.name.trim()),
    onSuccess: onRenamed,
  });
  return (
    <Modal opened onClose={onClose} title={t('passkeys.rename.title')} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('passkeys.name')}
            required
            maxLength={passkeyNameMax}
            data-autofocus
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('passkeys.rename.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
