import { TextInput, type TextInputProps } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../shared/limits.js';

// Mantine's own constraint: an interface of values has no index signature, so `unknown` would refuse it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormValues = Record<string, any>;

export interface EmailFieldProps<Values extends FormValues> extends Omit<TextInputProps, 'form' | 'name'> {
  form: Pick<ReturnType<typeof useForm<Values>>, 'key' | 'getInputProps'>;
  /** The form's field. */
  name: keyof Values & string;
}

/**
 * An e-mail input bound to a Mantine form: required, at most the longest address the server takes, the phone's
 * e-mail keyboard; by default the address a person signs in with (`autoComplete="username"`, so the browser's
 * password manager fills it in and pairs it with the password).
 */
export function EmailField<Values extends FormValues>({ form, name, ...props }: EmailFieldProps<Values>) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('fields.email')}
      type="email"
      inputMode="email"
      autoComplete="username"
      required
      maxLength={limits.email}
      {...props}
      key={form.key(name)}
      {...form.getInputProps(name)}
    />
  );
}
