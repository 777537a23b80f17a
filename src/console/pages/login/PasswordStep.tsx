import { Anchor, Button, Stack } from '@mantine/core';
import { IconLogin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountChoice, SecondFactorKind } from '../../../shared/contracts/auth.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { EmailField } from '../../kit/EmailField.js';
import { PasswordField } from '../../kit/PasswordField.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { awaitSecondFactor, signIn, type Credentials } from '../../session/api.js';
import { AccountChoiceStep } from './AccountChoiceStep.js';
import { useAfterSignIn } from './useAfterSignIn.js';

/** The e-mail and password; then signed in, on to the second factor, or a choice of account. */
export function PasswordStep({
  onTwoFactor,
  onEmail,
}: {
  onTwoFactor: (secondFactors: SecondFactorKind[]) => void;
  onEmail?: (email: string) => void;
}) {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn();
  const [choice, setChoice] = useState<{ credentials: Credentials; accounts: AccountChoice['accounts'] } | null>(null);
  const v = validators(t);
  const {
    form,
    mutation: login,
    problems,
    submit,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { email: '', password: '' },
      validate: { email: v.email, password: (value: string) => (value ? null : t('validation.required')) },
    },
    mutationFn: signIn,
    onSuccess: async (result, values) => {
      if ('accountChoice' in result) {
        setChoice({ credentials: values, accounts: result.accounts });
        return;
      }
      setChoice(null);
      if ('twoFactorRequired' in result) {
        awaitSecondFactor(result.csrfToken);
        onTwoFactor(result.secondFactors);
        return;
      }
      await afterSignIn(result.csrfToken);
    },
    handleError: (error) => {
      // the problems are shown as usual (false); the choice of accounts is gone and a wrong password emptied
      setChoice(null);
      if (error instanceof ApiError && error.code === 'invalid_credentials') form.setFieldValue('password', '');
      return false;
    },
  });

  form.watch('email', ({ value }) => onEmail?.(value));

  if (choice) {
    return (
      <AccountChoiceStep
        accounts={choice.accounts}
        pending={login.isPending ? (login.variables?.accountId ?? null) : null}
        onChoose={(accountId) => submit({ ...choice.credentials, accountId })}
        onBack={() => {
          setChoice(null);
          form.setFieldValue('password', '');
        }}
      />
    );
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <FormAlert messages={problems} />
        <EmailField form={form} name="email" data-autofocus autoFocus />
        <PasswordField form={form} name="password" purpose="current" />
        <Button
          type="submit"
          loading={login.isPending}
          leftSection={<IconLogin size={18} aria-hidden />}
          fullWidth
          mt="xs"
        >
          {t('login.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('passwordReset.forgotLink')}
        </Anchor>
      </Stack>
    </form>
  );
}
