import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CannedReply, CannedReplyScope } from '../../../../shared/contracts/canned-replies.js';
import { limits } from '../../../../shared/limits.js';
import { FormAlert } from '../../../components/Feedback.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../../company-filter/api.js';
import { labelOptions, useCompanyLabel } from '../../../company-label/useCompanyLabel.js';
import { useApiForm } from '../../../kit/useApiForm.js';
import { can, useSession } from '../../../session/api.js';
import { createCannedReply, refreshCannedReplies, updateCannedReply } from './api.js';

interface Values {
  scope: CannedReplyScope;
  companyId: string;
  title: string;
  shortcut: string;
  body: string;
}

/** A new canned reply (its scope chosen: account and company ones are the administrators'), or a change to one. */
export function CannedReplyModal({ reply, onClose }: { reply: CannedReply | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const admin = can(me, 'settings.update');
  const companies = useCompanyOptions('', { enabled: admin && !reply, staleTime: companyChoicesStaleTime });
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: {
        scope: reply?.scope ?? 'personal',
        companyId: reply?.companyId ?? '',
        title: reply?.title ?? '',
        shortcut: reply?.shortcut ?? '',
        body: reply?.body ?? '',
      } as Values,
    },
    mutationFn: (values: Values) =>
      reply
        ? updateCannedReply(reply.id, { title: values.title, shortcut: values.shortcut, body: values.body })
        : createCannedReply({
            scope: values.scope,
            companyId: values.scope === 'company' ? values.companyId || null : null,
            title: values.title,
            shortcut: values.shortcut,
            body: values.body,
          }),
    onSuccess: (saved) => {
      refreshCannedReplies(queryClient);
      notifications.show({ color: 'teal', message: t('requests.canned.saved', { title: saved.title }) });
      onClose();
    },
  });
  const scopes: CannedReplyScope[] = admin ? ['personal', 'account', 'company'] : ['personal'];
  return (
    <Modal
      opened
      onClose={onClose}
      title={reply ? t('requests.canned.editTitle', { title: reply.title }) : t('requests.canned.new')}
      centered
      size="lg"
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          {reply ? null : (
            <Select
              label={t('requests.canned.scope')}
              data={scopes.map((s) => ({ value: s, label: t(`requests.canned.scopes.${s}`, labelOptions(words)) }))}
              allowDeselect={false}
              description={admin ? undefined : t('requests.canned.sharedOnlyAdmins', labelOptions(words))}
              {...form.getInputProps('scope')}
            />
          )}
          {!reply && form.values.scope === 'company' ? (
            <Select
              label={t('requests.canned.company', labelOptions(words))}
              required
              searchable
              data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('companyId')}
            />
          ) : null}
          <TextInput
            label={t('requests.canned.fields.title')}
            required
            maxLength={limits.cannedReplyTitle}
            data-autofocus
            {...form.getInputProps('title')}
          />
          <TextInput
            label={t('requests.canned.fields.shortcut')}
            description={t('requests.canned.fields.shortcutHelp')}
            required
            maxLength={limits.cannedReplyShortcut}
            leftSection="/"
            {...form.getInputProps('shortcut')}
          />
          <Textarea
            label={t('requests.canned.fields.body')}
            description={t('requests.canned.fields.bodyHelp')}
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={limits.chatMessage}
            {...form.getInputProps('body')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('requests.canned.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
