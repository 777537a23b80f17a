import { Button, Stack, Text, TextInput } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { FormAlert } from '../components/Feedback.js';
import { NewPasswordFields, type NewPasswordValues } from './NewPasswordFields.js';

/**
 * A `useApiForm` `handleError` for a form behind an e-mailed link: the server's 404 means the link stopped working
 * (used, replaced, expired), so `gone` runs and nothing else is shown; any other error is shown as usual.
 */
export function linkGoneOn404(gone: () => void) {
  return (error: unknown) => {
    if (!(error instanceof ApiError && error.code === 'not_found')) return false;
    gone();
    return true;
  };
}

/**
 * The form behind an e-mailed link where a person chooses their password (an invitation, a password reset):
 * the form's problems, the address the link is for (read only, for the browser's password manager), the page's
 * own fields (`children`), the new password and its confirmation, the button, and until when the link works.
 */
export function LinkPasswordForm<Values extends NewPasswordValues>({
  api,
  email,
  submitLabel,
  footnote,
  children,
}: {
  /** The form's `useApiForm`. */
  api: {
    form: Pick<ReturnType<typeof useForm<Values>>, 'key' | 'getInputProps'>;
    onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
    problems: string[];
    mutation: { isPending: boolean };
  };
  email: string;
  submitLabel: string;
  footnote: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form noValidate onSubmit={api.onSubmit}>
      <Stack gap="md">
        <FormAlert messages={api.problems} />
        <TextInput label={t('fields.email')} value={email} readOnly variant="filled" autoComplete="username" />
        {children}
        <NewPasswordFields form={api.form} autoFocus />
        <Button
          type="submit"
          loading={api.mutation.isPending}
          leftSection={<IconCheck size={18} aria-hidden />}
          fullWidth
          mt="xs"
        >
          {submitLabel}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          {footnote}
        </Text>
      </Stack>
    </form>
  );
}
