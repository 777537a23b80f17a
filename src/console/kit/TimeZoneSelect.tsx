import { Select, type SelectProps } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOption, timeZoneOptions } from '../lib/time.js';

export type TimeZoneSelectProps = Omit<SelectProps, 'data' | 'value'> & { value?: string | null };

/**
 * A searchable select of the time zones, each with its offset now; a chosen zone the browser lacks is
 * kept. Until it is first opened it holds only the chosen zone: labelling every zone takes a formatter
 * each (about 100 ms), which no page's first render should wait for.
 */
export function TimeZoneSelect({ value, onDropdownOpen, ...props }: TimeZoneSelectProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const data = useMemo(
    () => (opened ? timeZoneOptions(value ?? undefined) : value ? [timeZoneOption(value)] : []),
    [opened, value],
  );
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      maxDropdownHeight={280}
      limit={100}
      {...props}
      value={value ?? null}
      data={data}
      onDropdownOpen={() => {
        setOpened(true);
        onDropdownOpen?.();
      }}
    />
  );
}
