import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLogin } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountChoice } from '../../../shared/contracts/auth.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { awaitSecondFactor, signIn, type Credentials } from '../../session/api.js';
import { AccountChoiceStep } from './AccountChoiceStep.js';
import { useAfterSignIn } from './useAfterSignIn.js';

/** The e-mail and password; then signed in, on to the second factor, or a choice of account. */
export function PasswordStep({ onTwoFactor }: { onTwoFactor: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const afterSignIn = useAfterSignIn();
  const [problems, setProblems] = useState<string[]>([]);
  const [choice, setChoice] = useState<{ credentials: Credentials; accounts: AccountChoice['accounts'] } | null>(null);
  const v = validators(t);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: { email: v.email, password: (value: string) => (value ? null : t('validation.required')) },
  });

  const login = useMutation({
    mutationFn: signIn,
    onSuccess: async (result, values) => {
      if ('accountChoice' in result) {
        setChoice({ credentials: values, accounts: result.accounts });
        return;
      }
      setChoice(null);
      if ('twoFactorRequired' in result) {
        awaitSecondFactor(result.csrfToken);
        onTwoFactor();
        return;
      }
      await afterSignIn(result.csrfToken);
    },
    onError: (error) => {
      setChoice(null);
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      if (unmatched) setProblems(unmatched);
      else setProblems([errorText(t, error, locale)]);
      if (error instanceof ApiError && error.code === 'invalid_credentials') form.setFieldValue('password', '');
    },
  });

  if (choice) {
    return (
      <AccountChoiceStep
        accounts={choice.accounts}
        pending={login.isPending ? (login.variables?.accountId ?? null) : null}
        onChoose={(accountId) => login.mutate({ ...choice.credentials, accountId })}
        onBack={() => {
          setChoice(null);
          form.setFieldValue('password', '');
        }}
      />
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setProblems([]);
        login.mutate(values);
      })}
    >
      <Stack gap="md">
        <FormAlert messages={problems} />
        <TextInput
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          maxLength={limits.email}
          data-autofocus
          autoFocus
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('fields.password')}
          autoComplete="current-password"
          required
          maxLength={limits.passwordMax}
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button
          type="submit"
          loading={login.isPending}
          leftSection={<IconLogin size={18} aria-hidden />}
          fullWidth
          mt="xs"
        >
          {t('login.submit')}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          {t('login.forgotHint')}
        </Text>
      </Stack>
    </form>
  );
}
