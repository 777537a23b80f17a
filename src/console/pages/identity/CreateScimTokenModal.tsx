import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { createScimToken, scimKeys, type CreatedScimToken } from './scim-api.js';

/** Names a new SCIM token (after the identity provider that will use it). */
export function CreateScimTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: CreatedScimToken) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: create,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: { mode: 'controlled', initialValues: { name: '' }, validate: { name: v.required } },
    mutationFn: (values: { name: string }) => createScimToken({ name: values.name.trim() }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: scimKeys.tokens });
      form.reset();
      setProblems([]);
      onCreated(created);
    },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('scim.tokens.createTitle')} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('scim.tokens.name')}
            description={t('scim.tokens.nameHelp')}
            required
            maxLength={limits.tokenName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('scim.tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
