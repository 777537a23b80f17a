import { NumberInput, Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountSettingItem } from '../../../shared/contracts/settings.js';
import { languages } from '../../../shared/locales.js';
import { TimeZoneSelect } from '../../kit/TimeZoneSelect.js';

type Input = AccountSettingItem['input'];
type Words = { singular: string; plural: string };
type CompanyLabel = Record<string, Words>;

export interface SettingControlProps {
  id: string;
  label: string;
  input: Input;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
  error?: string;
}

/** The control that edits one setting, chosen by the registry's input kind. */
export function SettingControl({ id, label, input, value, onChange, disabled, error }: SettingControlProps) {
  const { t } = useTranslation();
  switch (input.kind) {
    case 'switch':
      return (
        <Switch
          id={id}
          label={label}
          checked={Boolean(value)}
          onChange={(e) => onChange(e.currentTarget.checked)}
          disabled={disabled}
          error={error}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          label={label}
          data={input.options.map((o) => ({ value: o, label: t(`settings.options.${o}` as never) }))}
          value={(value as string | null) ?? null}
          onChange={(v) => onChange(v)}
          allowDeselect={false}
          disabled={disabled}
          error={error}
        />
      );
    case 'number':
      return (
        <NumberInput
          id={id}
          label={label}
          min={input.min}
          max={input.max}
          allowDecimal={false}
          clampBehavior="none"
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
          description={String(t(`settings.units.${input.unit}` as never, { count: 2 })).replace(/^\d+\s*/, '')}
          disabled={disabled}
          error={error}
        />
      );
    case 'timeZone':
      return (
        <TimeZoneSelect
          id={id}
          label={label}
          value={(value as string | null) ?? null}
          onChange={onChange}
          disabled={disabled}
          error={error}
        />
      );
    case 'text':
      return input.multiline ? (
        <Textarea
          id={id}
          label={label}
          autosize
          minRows={2}
          maxLength={input.maxLength}
          value={(value as string | null) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          disabled={disabled}
          error={error}
        />
      ) : (
        <TextInput
          id={id}
          label={label}
          maxLength={input.maxLength}
          value={(value as string | null) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          disabled={disabled}
          error={error}
        />
      );
    case 'localizedText': {
      const texts = (value as Record<string, string> | null) ?? {};
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} id={id}>
          {languages.map((language) => (
            <Textarea
              key={language}
              lang={language}
              label={`${label} (${t(`settings.options.${language}` as never)})`}
              autosize
              minRows={2}
              maxLength={input.maxLength}
              value={texts[language] ?? ''}
              onChange={(e) => onChange({ ...texts, [language]: e.currentTarget.value })}
              disabled={disabled}
              error={error}
            />
          ))}
        </SimpleGrid>
      );
    }
    case 'companyLabel': {
      const current =
        (value as CompanyLabel | null) ?? Object.fromEntries(languages.map((l) => [l, { singular: '', plural: '' }]));
      const set = (language: string, field: keyof Words, text: string) =>
        onChange({ ...current, [language]: { ...current[language], [field]: text } });
      return (
        <SimpleGrid cols={{ base: 1, sm: 2 }} id={id}>
          {languages.map((language) =>
            (['singular', 'plural'] as const).map((field) => (
              <TextInput
                key={`${language}-${field}`}
                label={t(field === 'singular' ? 'settings.companyLabelSingular' : 'settings.companyLabelPlural', {
                  language: t(`settings.options.${language}` as never),
                })}
                maxLength={40}
                value={current[language]?.[field] ?? ''}
                onChange={(e) => set(language, field, e.currentTarget.value)}
                disabled={disabled}
                error={error}
              />
            )),
          )}
        </SimpleGrid>
      );
    }
  }
}
