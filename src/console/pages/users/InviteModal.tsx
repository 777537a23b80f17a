import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { languages } from '../../../shared/locales.js';
import { FormAlert } from '../../components/Feedback.js';
import { InviteAccessFields } from './InviteAccessFields.js';
import { splitEmails } from './invite-values.js';
import { RoleChoices } from './RoleChoices.js';
import { useInviteForm } from './useInviteForm.js';

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
  const { form, send, problems, close, onSubmit } = useInviteForm(companyId, onClose);
  const values = form.getValues();
  const emails = splitEmails(values.emails);
  const many = emails.length > 1;

  return (
    <Modal opened={opened} onClose={close} title={t('users.invite.title')} size="lg" centered>
      <form noValidate onSubmit={onSubmit}>
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
          <InviteAccessFields form={form} />
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
