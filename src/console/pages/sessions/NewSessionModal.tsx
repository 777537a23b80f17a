import { Button, Modal, Select, Stack, Switch, Text } from '@mantine/core';
import { IconScreenShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { createdSessionSchema } from '../../../shared/contracts/sessions.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../company-filter/api.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { createSession, useRecordingPolicy } from './api.js';
import { SessionCodeView } from './SessionCodeView.js';

export type CreatedSession = z.infer<typeof createdSessionSchema>;

interface Values {
  companyId: string | null;
  recorded: boolean;
}

/** Chooses the company (and recording, when optional), then shows the code to give the customer. */
function NewSessionForm({ onCreated }: { onCreated: (session: CreatedSession) => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const { companyId } = useCompanyFilter();
  const companies = useCompanyOptions('', { staleTime: companyChoicesStaleTime });
  const { form, onSubmit, problems, mutation } = useApiForm<
    Values,
    CreatedSession,
    Parameters<typeof createSession>[0]
  >({
    form: { mode: 'controlled', initialValues: { companyId, recorded: false } },
    mutationFn: createSession,
    toVariables: (values) => {
      if (!values.companyId) {
        form.setFieldError('companyId', t('sessions.create.companyRequired'));
        return null;
      }
      return { companyId: values.companyId, recorded: policy.data === 'optional' ? values.recorded : undefined };
    },
    onSuccess: onCreated,
  });
  const policy = useRecordingPolicy(form.getValues().companyId);
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack>
        <FormAlert messages={problems} />
        <Select
          label={words.singular}
          data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          searchable
          required
          data-testid="session-company"
          {...form.getInputProps('companyId')}
        />
        {policy.data ? (
          <Stack gap={4} data-testid="recording-policy">
            <Text size="sm" fw={500}>
              {t('sessions.recording.policyLine', { policy: t(`sessions.recording.policy.${policy.data}`) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`sessions.recording.policyHelp.${policy.data}`)}
            </Text>
            {policy.data === 'optional' ? (
              <Switch
                label={t('sessions.recording.record')}
                {...form.getInputProps('recorded', { type: 'checkbox' })}
              />
            ) : null}
          </Stack>
        ) : null}
        <Button type="submit" loading={mutation.isPending} leftSection={<IconScreenShare size={16} aria-hidden />}>
          {t('sessions.create.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** "New session": creates a session for a company and shows its code, link and expiry. */
export function NewSessionModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedSession | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={created ? t('sessions.code.title') : t('sessions.create.title')}>
      {created ? <SessionCodeView session={created} /> : <NewSessionForm onCreated={setCreated} />}
    </Modal>
  );
}

/** The Support workspace's "New session" button (shown to those who may run sessions). */
export function NewSessionButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button leftSection={<IconScreenShare size={16} aria-hidden />} onClick={() => setOpened(true)}>
        {t('sessions.create.button')}
      </Button>
      {opened ? <NewSessionModal opened onClose={() => setOpened(false)} /> : null}
    </>
  );
}
