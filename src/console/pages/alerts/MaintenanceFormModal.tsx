import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { maintenanceReasonMax, type MaintenanceWindow } from '../../../shared/contracts/maintenance.js';
import { FormAlert } from '../../components/Feedback.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useCompanyChoices } from '../users/api.js';
import { refreshMaintenance, saveMaintenanceWindow } from './maintenance-api.js';
import { maintenanceBody, maintenanceValues, type MaintenanceValues } from './maintenance-values.js';

/** Plans a maintenance window of a company, or changes one: the same form. */
export function MaintenanceFormModal({
  window,
  companyId,
  onClose,
}: {
  window: MaintenanceWindow | null;
  companyId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: maintenanceValues(window, companyId),
      validate: { companyId: required, startsAt: required, endsAt: required, reason: required },
    },
    mutationFn: (values: MaintenanceValues) => saveMaintenanceWindow(window?.id ?? null, maintenanceBody(values)),
    onSuccess: () => {
      refreshMaintenance(queryClient);
      notifications.show({ color: 'teal', message: t('alerts.maintenance.saved') });
      onClose();
    },
  });
  const mode = form.getValues().mode;
  return (
    <Modal
      opened
      onClose={onClose}
      title={window ? t('alerts.maintenance.editTitle') : t('alerts.maintenance.new')}
      size="lg"
      centered
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          <FormAlert messages={problems} />
          <Select
            label={words.singular}
            data={companies.options}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('companyId')}
          />
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('alerts.maintenance.fields.startsAt')}
              required
              {...form.getInputProps('startsAt')}
            />
            <TextInput
              type="datetime-local"
              label={t('alerts.maintenance.fields.endsAt')}
              required
              {...form.getInputProps('endsAt')}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="maintenance-mode-label">
              {t('alerts.maintenance.fields.mode')}
            </Text>
            <SegmentedControl
              aria-labelledby="maintenance-mode-label"
              data={[
                { value: 'hold', label: t('alerts.maintenance.modes.hold') },
                { value: 'drop', label: t('alerts.maintenance.modes.drop') },
              ]}
              {...form.getInputProps('mode')}
            />
            <Text size="sm">{t(`alerts.maintenance.modeHelp.${mode}`)}</Text>
          </Stack>
          <Textarea
            label={t('alerts.maintenance.fields.reason')}
            required
            autosize
            minRows={2}
            maxLength={maintenanceReasonMax}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {window ? t('alerts.save') : t('alerts.maintenance.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
