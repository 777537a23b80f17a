import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { weekdays, type BusinessHours, type Weekday } from '../../../shared/contracts/portals.js';

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

/** The opening spans of each weekday (up to four a day), or "Closed". */
export function HoursWeek({
  hours,
  setDay,
  editable,
  problems,
}: {
  hours: BusinessHours;
  setDay: (day: Weekday, spans: BusinessHours['days'][Weekday]) => void;
  editable: boolean;
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
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
  );
}
