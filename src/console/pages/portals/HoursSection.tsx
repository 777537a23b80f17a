import { ActionIcon, Badge, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdays, type BusinessHours, type Weekday } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { defaultHours } from './draft.js';
import type { SectionProps } from './GeneralSection.js';

const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

function TimeField({
  label,
  value,
  onChange,
  disabled,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
  error?: string;
}) {
  return (
    <TextInput
      type="time"
      aria-label={label}
      value={value === '24:00' ? '23:59' : value}
      onChange={(e) => onChange(e.currentTarget.value)}
      disabled={disabled}
      w={120}
      error={error}
    />
  );
}

export function HoursSection({ portal, draft, onChange, editable, problems }: SectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [holiday, setHoliday] = useState('');
  const hours = draft.businessHours;
  const setHours = (next: BusinessHours | null) => onChange({ ...draft, businessHours: next });
  const setDay = (day: Weekday, spans: BusinessHours['days'][Weekday]) =>
    hours && setHours({ ...hours, days: { ...hours.days, [day]: spans } });

  return (
    <Section title={t('portals.hours.title')}>
      <Stack gap="md">
        <Group justify="space-between">
          <Switch
            label={t('portals.hours.alwaysOpen')}
            description={t('portals.hours.alwaysOpenHelp')}
            checked={hours === null}
            onChange={(e) => setHours(e.currentTarget.checked ? null : defaultHours())}
            disabled={!editable}
          />
          <Badge variant="light" color={portal.openNow ? 'teal' : 'gray'} data-testid="open-now">
            {portal.openNow ? t('portals.hours.openNow') : t('portals.hours.closedNow')}
          </Badge>
        </Group>
        {hours ? (
          <>
            <Select
              label={t('portals.hours.timeZone')}
              data={[
                { value: '', label: t('portals.hours.timeZoneInherit', { zone: portal.effectiveTimeZone }) },
                ...timeZones.map((z) => ({ value: z, label: z })),
              ]}
              value={hours.timeZone ?? ''}
              onChange={(v) => setHours({ ...hours, timeZone: v || null })}
              searchable
              allowDeselect={false}
              disabled={!editable}
              w={{ base: '100%', sm: 360 }}
              error={problems['businessHours.timeZone']}
            />
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing="xs">
                <Table.Tbody>
                  {weekdays.map((day) => {
                    const spans = hours.days[day] ?? [];
                    const dayName = t(`portals.hours.days.${day}`);
                    return (
                      <Table.Tr key={day} data-day={day}>
                        <Table.Th w={130} style={{ verticalAlign: 'top', paddingTop: 14 }}>
                          {dayName}
                        </Table.Th>
                        <Table.Td>
                          <Stack gap={6}>
                            {spans.length === 0 ? (
                              <Text size="sm" c="dimmed" pt={6}>
                                {t('portals.hours.closed')}
                              </Text>
                            ) : null}
                            {spans.map((span, i) => (
                              <Group key={i} gap="xs" wrap="nowrap">
                                <TimeField
                                  label={`${dayName} ${t('portals.hours.from')}`}
                                  value={span.start}
                                  onChange={(v) =>
                                    setDay(
                                      day,
                                      spans.map((s, j) => (j === i ? { ...s, start: v } : s)),
                                    )
                                  }
                                  disabled={!editable}
                                />
                                <Text size="sm">–</Text>
                                <TimeField
                                  label={`${dayName} ${t('portals.hours.to')}`}
                                  value={span.end}
                                  onChange={(v) =>
                                    setDay(
                                      day,
                                      spans.map((s, j) => (j === i ? { ...s, end: v } : s)),
                                    )
                                  }
                                  disabled={!editable}
                                  error={problems[`businessHours.days.${day}.${i}.end`]}
                                />
                                {editable ? (
                                  <ActionIcon
                                    variant="subtle"
                                    color="red"
                                    aria-label={`${t('portals.hours.removeSpan')} (${dayName})`}
                                    onClick={() =>
                                      setDay(
                                        day,
                                        spans.filter((_, j) => j !== i),
                                      )
                                    }
                                  >
                                    <IconTrash size={16} aria-hidden />
                                  </ActionIcon>
                                ) : null}
                              </Group>
                            ))}
                            {editable && spans.length < 4 ? (
                              <Button
                                variant="subtle"
                                size="compact-sm"
                                leftSection={<IconPlus size={14} aria-hidden />}
                                onClick={() => setDay(day, [...spans, { start: '09:00', end: '17:00' }])}
                                w="fit-content"
                                aria-label={t('portals.hours.addSpan', { day: dayName })}
                              >
                                {t('portals.hours.addHoliday')}
                              </Button>
                            ) : null}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
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
          </>
        ) : null}
      </Stack>
    </Section>
  );
}
