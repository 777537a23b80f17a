import type { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { validators } from '../api/errors.js';
import { PasswordField } from './PasswordField.js';

/** A new password and the same typed again: the fields of a form where a person chooses their password. */
export interface NewPasswordValues {
  password: string;
  confirmPassword: string;
}

export const emptyNewPassword: NewPasswordValues = { password: '', confirmPassword: '' };

/**
 * The form's checks before sending, the server's rule for a new password (required, the least length, not
 * guessable) and the confirmation matching it; what the server still refuses comes back on the same fields
 * through `useApiForm`.
 */
export function newPasswordRules(t: TFunction) {
  const v = validators(t);
  return {
    password: v.newPassword,
    confirmPassword: (value: string, values: NewPasswordValues) => v.confirm(value, values.password),
  };
}

/** The form's surface the fields use (Mantine's return type, whatever its other values and rules). */
type NewPasswordForm<Values extends NewPasswordValues> = Pick<
  ReturnType<typeof useForm<Values>>,
  'key' | 'getInputProps'
>;

/** The new password, with its rule under its label, and its confirmation. */
export function NewPasswordFields<Values extends NewPasswordValues>({
  form,
  autoFocus,
}: {
  form: NewPasswordForm<Values>;
  /** The first field of the page. */
  autoFocus?: boolean;
}) {
  return (
    <>
      <PasswordField form={form} name="password" purpose="new" autoFocus={autoFocus} />
      <PasswordField form={form} name="confirmPassword" purpose="confirm" />
    </>
  );
}
