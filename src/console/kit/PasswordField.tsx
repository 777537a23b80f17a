import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../shared/limits.js';

// Mantine's own constraint: an interface of values has no index signature, so `unknown` would refuse it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormValues = Record<string, any>;
/** The form's surface the field uses (Mantine's return type, whatever its validation rules). */
type PasswordForm<Values extends FormValues> = Pick<ReturnType<typeof useForm<Values>>, 'key' | 'getInputProps'>;

export interface PasswordFieldProps<Values extends FormValues> extends Omit<PasswordInputProps, 'form' | 'name'> {
  form: PasswordForm<Values>;
  /** The form's field. */
  name: keyof Values & string;
  /**
   * `current`: a password the person already has (the browser may fill it in); `new`: one they
   * choose, with the rule it must meet under its label; `confirm`: the new one typed again.
   */
  purpose: 'current' | 'new' | 'confirm';
  /** A new password's rule under its label (default); false where the page states it already. */
  hint?: boolean;
}

/**
 * A password input bound to a Mantine form: required, at most the longest password the server
 * takes, what the browser's password manager should do with it, and for a new password the
 * least length it needs (a guessable one is refused by the form's `newPassword` validator).
 */
export function PasswordField<Values extends FormValues>({
  form,
  name,
  purpose,
  hint = true,
  ...props
}: PasswordFieldProps<Values>) {
  const { t } = useTranslation();
  const defaults: Record<PasswordFieldProps<Values>['purpose'], PasswordInputProps> = {
    current: { label: t('fields.password'), autoComplete: 'current-password' },
    new: {
      label: t('fields.password'),
      description: hint ? t('fields.passwordHelp', { min: limits.passwordMin }) : undefined,
      autoComplete: 'new-password',
    },
    confirm: { label: t('fields.confirmPassword'), autoComplete: 'new-password' },
  };
  const input = form.getInputProps(name);
  return (
    <PasswordInput
      required
      maxLength={limits.passwordMax}
      {...defaults[purpose]}
      {...props}
      key={form.key(name)}
      {...input}
      // Mantine marks the inner input of a password field invalid only for styling (data-invalid): say it to
      // assistive technology too, as every other field does
      aria-invalid={input.error ? true : undefined}
    />
  );
}
