import { SimpleGrid, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../shared/localized-text.js';
import { languages, type Language } from '../../../shared/locales.js';

/** One text per language, side by side; a language left empty shows the account language's text. */
export function LocalizedTextFields({
  label,
  value,
  onChange,
  maxLength,
  accountLanguage,
  readOnly,
  problems = {},
  name,
}: {
  label: string;
  value: LocalizedText;
  onChange: (value: LocalizedText) => void;
  maxLength: number;
  accountLanguage: Language;
  readOnly?: boolean;
  /** field problems by language */
  problems?: Partial<Record<Language, string>>;
  /** marks the fields for tests: `data-text="{name}-{language}"` */
  name: string;
}) {
  const { t } = useTranslation();
  const languageName = (l: Language) => t(`portals.languages.${l}`);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {languages.map((l) => (
        <Textarea
          key={l}
          lang={l}
          data-text={`${name}-${l}`}
          label={t('portals.texts.inLanguage', { label, language: languageName(l) })}
          description={
            l === accountLanguage
              ? t('portals.texts.accountLanguage')
              : t('portals.texts.fallback', { language: languageName(accountLanguage) })
          }
          autosize
          minRows={3}
          maxLength={maxLength}
          value={value[l]}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
          readOnly={readOnly}
          error={problems[l]}
        />
      ))}
    </SimpleGrid>
  );
}
