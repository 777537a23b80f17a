import { Button, Group, NumberInput, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SeatsOverview, UpdateLicenceBody } from '../../../shared/contracts/seats.js';
import { licenceBounds } from '../../../shared/licence.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { seatKeys, updateLicence } from './api.js';
import { seatRefusalText } from './refusals.js';

type Values = { remoteSupportSeats: number | string; serviceDeskSeats: number | string; deviceLimit: number | string };
const fields = ['remoteSupportSeats', 'serviceDeskSeats', 'deviceLimit'] as const;

/** The licence, for administrators: seat counts and the device limit. */
export function LicenceForm({ overview }: { overview: SeatsOverview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const inUse = {
    remoteSupportSeats: overview.modules.find((m) => m.module === 'remoteSupport')?.used ?? 0,
    serviceDeskSeats: overview.modules.find((m) => m.module === 'serviceDesk')?.used ?? 0,
    deviceLimit: overview.devices.used,
  };
  const max = {
    remoteSupportSeats: licenceBounds.seatsMax,
    serviceDeskSeats: licenceBounds.seatsMax,
    deviceLimit: licenceBounds.deviceLimitMax,
  };
  const { remoteSupportSeats, serviceDeskSeats, deviceLimit } = overview.licence;
  const wholeNumber = (field: (typeof fields)[number]) => (value: number | string) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max[field]
      ? null
      : t('seats.licence.wholeNumber', { min: 0, max: format.number(max[field]) });
  const {
    form,
    mutation: save,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: { remoteSupportSeats, serviceDeskSeats, deviceLimit } as Values,
      validate: {
        remoteSupportSeats: wholeNumber('remoteSupportSeats'),
        serviceDeskSeats: wholeNumber('serviceDeskSeats'),
        deviceLimit: wholeNumber('deviceLimit'),
      },
    },
    mutationFn: updateLicence,
    toVariables: (values) => {
      const patch: UpdateLicenceBody = {};
      for (const field of fields) {
        if (values[field] !== overview.licence[field]) patch[field] = Number(values[field]);
      }
      if (Object.keys(patch).length > 0) return patch;
      setProblems([]);
      notifications.show({ color: 'gray', message: t('seats.licence.nothingChanged') });
      return null;
    },
    errorMessage: (error) => seatRefusalText(t, error, format.locale),
    onSuccess: (updated) => {
      queryClient.setQueryData(seatKeys.overview, updated);
      const values = {
        remoteSupportSeats: updated.licence.remoteSupportSeats,
        serviceDeskSeats: updated.licence.serviceDeskSeats,
        deviceLimit: updated.licence.deviceLimit,
      };
      form.setInitialValues(values);
      form.setValues(values);
      notifications.show({ color: 'teal', message: t('seats.licence.saved') });
    },
  });

  return (
    <Section title={t('seats.licence.title')} description={t('seats.licence.description')}>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {fields.map((field) => (
              <NumberInput
                key={field}
                label={t(`seats.licence.${field}`)}
                description={t('seats.licence.inUse', { inUse: format.number(inUse[field]) })}
                min={0}
                max={max[field]}
                // kept as typed: "-5" is refused on its field, not turned into 0 (or 5) and saved
                clampBehavior="none"
                allowDecimal={false}
                thousandSeparator={false}
                required
                {...form.getInputProps(field)}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('seats.licence.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
