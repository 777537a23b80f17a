import { Badge, Group, Select, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BusinessHours, Weekday } from '../../../shared/contracts/portals.js';
import { Section } from '../account/Section.js';
import { defaultHours } from './draft.js';
import type { SectionProps } from './GeneralSection.js';
import { HolidaysField } from './HolidaysField.js';
import { HoursWeek } from './HoursWeek.js';

const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/** When the portal is open: always, or weekly spans in a time zone, with holidays. */
export function HoursSection({ portal, draft, onChange, editable, problems }: SectionProps) {
  const { t } = useTranslation();
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
            <HoursWeek hours={hours} setDay={setDay} editable={editable} problems={problems} />
            <HolidaysField hours={hours} setHours={setHours} editable={editable} />
          </>
        ) : null}
      </Stack>
    </Section>
  );
}
