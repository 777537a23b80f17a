import { ActionIcon, Badge, Button, Group, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHours } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { useFormat } from '../../lib/format.js';

/** The days the portal is closed whatever the weekday: listed, added by date, removed. */
export function HolidaysField({
  hours,
  setHours,
  editable,
}: {
  hours: BusinessHours;
  setHours: (next: BusinessHours) => void;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [holiday, setHoliday] = useState('');
  return (
    <div>
      <Text size="sm" fw={500}>
        {t('portals.hours.holidays')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('portals.hours.holidaysHelp')}
      </Text>
      <Group gap="xs" mb="xs">
        {hours.holidays.map((date) => (
          <Badge
            key={date}
            variant="light"
            size="lg"
            rightSection={
              editable ? (
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={t('portals.hours.removeHoliday', { date })}
                  onClick={() => setHours({ ...hours, holidays: hours.holidays.filter((d) => d !== date) })}
                >
                  <IconTrash size={12} aria-hidden />
                </ActionIcon>
              ) : undefined
            }
          >
            {format.date(`${date}T12:00:00Z`)}
          </Badge>
        ))}
      </Group>
      {editable ? (
        <Group gap="xs" align="flex-end">
          <TextInput
            type="date"
            aria-label={t('portals.hours.holidays')}
            value={holiday}
            onChange={(e) => setHoliday(e.currentTarget.value)}
            w={180}
          />
          <Button
            variant="default"
            disabled={
              !/^\d{4}-\d{2}-\d{2}$/.test(holiday) ||
              hours.holidays.includes(holiday) ||
              hours.holidays.length >= limits.portalHolidays
            }
            onClick={() => {
              setHours({ ...hours, holidays: [...hours.holidays, holiday].sort() });
              setHoliday('');
            }}
          >
            {t('portals.hours.addHoliday')}
          </Button>
        </Group>
      ) : null}
    </div>
  );
}
