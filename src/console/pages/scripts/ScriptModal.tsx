import { Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { scriptShells, type Script, type ScriptShell } from '../../../shared/contracts/device-scripts.js';
import { limits } from '../../../shared/limits.js';
import { FormAlert } from '../../components/Feedback.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../company-filter/api.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useSession } from '../../session/api.js';
import { createScript, refreshScripts, updateScript } from './api.js';

interface Values {
  companyId: string;
  name: string;
  shell: ScriptShell;
  body: string;
  timeoutSeconds: number | string;
}

const accountWide = 'account';

/** A new saved script (for the whole account, if one sees every company, or one company), or a change to one. */
export function ScriptModal({ script, onClose }: { script: Script | null; onClose: () => void }) {
  const { t } = useTranslation();
  const allCompanies = useSession().user.companyAccess === 'all';
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const companies = useCompanyOptions('', { enabled: !script, staleTime: companyChoicesStaleTime });
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: {
        companyId: script?.companyId ?? (allCompanies ? accountWide : ''),
        name: script?.name ?? '',
        shell: script?.shell ?? 'bash',
        body: script?.body ?? '',
        timeoutSeconds: script?.timeoutSeconds ?? 60,
      } as Values,
    },
    mutationFn: (values: Values) => {
      const fields = {
        name: values.name,
        shell: values.shell,
        body: values.body,
        timeoutSeconds: Number(values.timeoutSeconds),
      };
      return script
        ? updateScript(script.id, fields)
        : createScript({ ...fields, companyId: values.companyId === accountWide ? null : values.companyId || null });
    },
    onSuccess: (saved) => {
      refreshScripts(queryClient);
      notifications.show({ color: 'teal', message: t('scripts.saved', { name: saved.name }) });
      onClose();
    },
  });
  const companyChoices = [
    ...(allCompanies ? [{ value: accountWide, label: t('scripts.accountWide') }] : []),
    ...(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <Modal
      opened
      onClose={onClose}
      title={script ? t('scripts.editTitle', { name: script.name }) : t('scripts.new')}
      centered
      size="xl"
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          {script ? null : (
            <Select
              label={t('scripts.company', labelOptions(words))}
              required
              searchable
              allowDeselect={false}
              data={companyChoices}
              {...form.getInputProps('companyId')}
            />
          )}
          <TextInput
            label={t('scripts.fields.name')}
            required
            maxLength={limits.scriptName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('scripts.fields.shell')}
              allowDeselect={false}
              data={scriptShells.map((s) => ({ value: s, label: t(`scripts.shells.${s}`) }))}
              {...form.getInputProps('shell')}
            />
            <NumberInput
              label={t('scripts.fields.timeout')}
              description={t('scripts.fields.timeoutHelp', { max: limits.scriptTimeoutSecondsMax })}
              min={1}
              max={limits.scriptTimeoutSecondsMax}
              allowDecimal={false}
              {...form.getInputProps('timeoutSeconds')}
            />
          </Group>
          <Textarea
            label={t('scripts.fields.body')}
            description={t('scripts.fields.bodyHelp')}
            required
            autosize
            minRows={8}
            maxRows={24}
            maxLength={limits.scriptBody}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            {...form.getInputProps('body')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('scripts.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
