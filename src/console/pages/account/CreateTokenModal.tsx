import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { accountKeys, createApiToken, type CreatedToken } from './api.js';

const expiryChoices = ['7', '30', '90', '365', 'never'] as const;
type ExpiryChoice = (typeof expiryChoices)[number];

function expiryDate(choice: ExpiryChoice): string | null {
  if (choice === 'never') return null;
  return new Date(Date.now() + Number(choice) * 24 * 3600 * 1000).toISOString();
}

/** Names a new token and chooses when it expires. */
export function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: create,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: { name: '', expiry: '90' as ExpiryChoice },
      validate: { name: v.required },
    },
    mutationFn: (values: { name: string; expiry: ExpiryChoice }) =>
      createApiToken({ name: values.name.trim(), expiresAt: expiryDate(values.expiry) }),
    // expiresAt has no field of its own here: it belongs to the expiry select.
    formFieldOf: { expiresAt: 'expiry' },
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.apiTokens });
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

  const expiry = form.getValues().expiry;
  const expiryOptions = expiryChoices.map((choice) => ({
    value: choice,
    label:
      choice === 'never'
        ? t('account.tokens.expiry.never')
        : t('account.tokens.expiry.days', { days: format.number(Number(choice)) }),
  }));

  return (
    <Modal opened={opened} onClose={close} title={t('account.tokens.createTitle')} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('account.tokens.name')}
            description={t('account.tokens.nameHelp')}
            required
            maxLength={limits.tokenName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label={t('account.tokens.expiresIn')}
            data={expiryOptions}
            allowDeselect={false}
            description={
              expiry === 'never'
                ? t('account.tokens.expiry.neverHelp')
                : t('account.tokens.expiry.until', { date: format.date(expiryDate(expiry)) })
            }
            {...form.getInputProps('expiry')}
          />
          <Text size="sm" c="dimmed">
            {t('account.tokens.rightsNote')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('account.tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
