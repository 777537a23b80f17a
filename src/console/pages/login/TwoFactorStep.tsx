import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  normaliseCode,
  recoveryCodePattern,
  totpCodePattern,
  twoFactorCodeMax,
} from '../../../shared/contracts/two-factor.js';
import type { SecondFactorKind } from '../../../shared/contracts/auth.js';
import { ApiError } from '../../api/client.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { verifySecondFactor } from '../../session/api.js';
import { useAfterSignIn } from './useAfterSignIn.js';
import { PasskeySecondFactor } from './PasskeySignIn.js';

/** The second step: a code of the authenticator app, one of the recovery codes, or a passkey. */
export function TwoFactorStep({
  onCancel,
  secondFactors,
}: {
  onCancel: (message?: string) => void;
  secondFactors: readonly SecondFactorKind[];
}) {
  const { t } = useTranslation();
  const afterSignIn = useAfterSignIn();
  const [mode, setMode] = useState<'app' | 'recovery'>('app');
  const {
    form,
    mutation: verify,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { code: '' },
      validate: {
        code: (value: string) =>
          mode === 'app'
            ? totpCodePattern.test(value.replace(/\s/g, ''))
              ? null
              : t('login.totp.invalidFormat')
            : recoveryCodePattern.test(normaliseCode(value))
              ? null
              : t('twoFactor.login.recoveryInvalidFormat'),
      },
    },
    mutationFn: verifySecondFactor,
    toVariables: (values) => (mode === 'app' ? values.code.replace(/\s/g, '') : values.code.trim()),
    onSuccess: (result) => afterSignIn(result.csrfToken),
    handleError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError(
          'code',
          mode === 'app' ? t('twoFactor.login.wrongCode') : t('twoFactor.login.wrongRecovery'),
        );
        return true;
      }
      if (error instanceof ApiError && error.code === 'unauthenticated') {
        // the pending sign-in expired (5 minutes) or was ended: start again from the password
        onCancel(t('twoFactor.login.expired'));
        return true;
      }
      return false;
    },
  });
  const switchMode = () => {
    setMode(mode === 'app' ? 'recovery' : 'app');
    form.setFieldValue('code', '');
    form.clearErrors();
    setProblems([]);
  };
  const withPasskey = secondFactors.includes('passkey');
  if (!secondFactors.includes('totp')) {
    return (
      <Stack gap="md">
        <Text size="sm">{t('passkeys.secondFactor.explanation')}</Text>
        <PasskeySecondFactor onExpired={onCancel} />
        <Anchor component="button" type="button" size="sm" onClick={() => onCancel()} ta="center" c="dimmed">
          {t('login.totp.back')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        {withPasskey ? <PasskeySecondFactor onExpired={onCancel} /> : null}
        <Text size="sm">{mode === 'app' ? t('login.totp.explanation') : t('twoFactor.login.recoveryExplanation')}</Text>
        <FormAlert messages={problems} />
        <TextInput
          key={`${mode}:${form.key('code')}`}
          label={mode === 'app' ? t('login.totp.code') : t('twoFactor.login.recoveryCode')}
          autoComplete="one-time-code"
          inputMode={mode === 'app' ? 'numeric' : 'text'}
          autoCapitalize="off"
          spellCheck={false}
          required
          maxLength={twoFactorCodeMax}
          autoFocus
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={verify.isPending} fullWidth>
          {t('login.totp.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={switchMode} ta="center">
          {mode === 'app' ? t('twoFactor.login.useRecovery') : t('twoFactor.login.useApp')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => onCancel()} ta="center" c="dimmed">
          {t('login.totp.back')}
        </Anchor>
      </Stack>
    </form>
  );
}
