import type { TFunction } from 'i18next';
import type { AccountSettingItem } from '../../../shared/contracts/settings.js';
import { ApiError } from '../../api/client.js';
import { errorText, fieldProblemText } from '../../api/errors.js';

type Input = AccountSettingItem['input'];

/** i18n keys nest on dots, as setting keys do: `settings.items.general.language.label`. */
export const labelOf = (t: TFunction, key: string) => t(`settings.items.${key}.label` as never);
export const helpOf = (t: TFunction, key: string) => t(`settings.items.${key}.help` as never);

/** A value as a person reads it: options translated, numbers with their unit, built-ins named. */
export function valueText(t: TFunction, input: Input, value: unknown, language: string): string {
  if (value === null || value === undefined) return t('settings.builtIn');
  switch (input.kind) {
    case 'switch':
      return value ? t('settings.on') : t('settings.off');
    case 'select':
      return t(`settings.options.${String(value)}` as never);
    case 'number':
      return t(`settings.units.${input.unit}` as never, {
        count: Number(value),
        formattedCount: new Intl.NumberFormat(language).format(Number(value)),
      });
    case 'companyLabel': {
      const words =
        (value as Record<string, { plural: string }>)[language] ?? (value as Record<string, { plural: string }>).en;
      return words?.plural ?? '';
    }
    case 'localizedText': {
      // an offline message kept from before it had one text per language is a plain string
      const texts = typeof value === 'string' ? { en: value } : (value as Record<string, string>);
      return texts[language] || Object.values(texts).find(Boolean) || '';
    }
    default:
      return String(value);
  }
}

/** A refused save, in words: the first field problem the server named, or the error itself. */
export function saveProblemText(t: TFunction, error: unknown, language: string): string {
  const problem = error instanceof ApiError ? error.fieldProblems[0] : undefined;
  return problem ? fieldProblemText(t, problem, language) : errorText(t, error, language);
}
