import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLogin } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { limits } from '../../shared/limits.js';
import type { AccountChoice } from '../../shared/contracts/auth.js';
import {
  normaliseCode,
  recoveryCodePattern,
  totpCodePattern,
  twoFactorCodeMax,
} from '../../shared/contracts/two-factor.js';
import { api, ApiError, setCsrfToken } from '../api/client.js';
import { applyFieldErrors, errorText, validators } from '../api/errors.js';
import { loginResponse, signedInResponse, startSession, useMe, useSetupStatus } from '../api/queries.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../components/Feedback.js';
import { currentLanguage } from '../i18n.js';
import { useFormat } from '../lib/format.js';

function useAfterSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return async (csrfToken: string) => {
    await startSession(queryClient, csrfToken);
    void navigate(from && from.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
  };
}

interface Credentials {
  email: string;
  password: string;
  accountId?: string;
}

/** The e-mail and password opened several accounts: the person picks one (names shown only now). */
function AccountChoiceStep({
  accounts,
  pending,
  onChoose,
  onBack,
}: {
  accounts: AccountChoice['accounts'];
  pending: string | null;
  onChoose: (id: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text size="sm">{t('login.accountChoice.explanation')}</Text>
      <Stack gap="xs" role="group" aria-label={t('login.accountChoice.label')}>
        {accounts.map((account) => (
          <Button
            key={account.id}
            variant="default"
            fullWidth
            justify="space-between"
            loading={pending === account.id}
            disabled={pending !== null && pending !== account.id}
            onClick={() => onChoose(account.id)}
          >
            {account.name}
          </Button>
        ))}
      </Stack>
      <Anchor component="button" type="button" size="sm" onClick={onBack} ta="center" c="dimmed">
        {t('login.accountChoice.back')}
      </Anchor>
    </Stack>
  );
}

function PasswordStep({ onTwoFactor }: { onTwoFactor: () => void }) {
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
    mutationFn: (values: Credentials) =>
      api.post(
        '/auth/login',
        { email: values.email.trim(), password: values.password, accountId: values.accountId },
        { schema: loginResponse, skipAuthRedirect: true },
      ),
    onSuccess: async (result, values) => {
      if ('accountChoice' in result) {
        setChoice({ credentials: values, accounts: result.accounts });
        return;
      }
      setChoice(null);
      if ('twoFactorRequired' in result) {
        setCsrfToken(result.csrfToken);
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

function TwoFactorStep({ onCancel }: { onCancel: (message?: string) => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const afterSignIn = useAfterSignIn();
  const [problems, setProblems] = useState<string[]>([]);
  const [mode, setMode] = useState<'app' | 'recovery'>('app');
  const form = useForm({
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
  });
  const verify = useMutation({
    mutationFn: (code: string) =>
      api.post('/auth/login/totp', { code }, { schema: signedInResponse, skipAuthRedirect: true }),
    onSuccess: (result) => afterSignIn(result.csrfToken),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError(
          'code',
          mode === 'app' ? t('twoFactor.login.wrongCode') : t('twoFactor.login.wrongRecovery'),
        );
        return;
      }
      if (error instanceof ApiError && error.code === 'unauthenticated') {
        // the pending sign-in expired (5 minutes) or was ended: start again from the password
        onCancel(t('twoFactor.login.expired'));
        return;
      }
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      setProblems(unmatched ?? [errorText(t, error, locale)]);
    },
  });
  const switchMode = () => {
    setMode(mode === 'app' ? 'recovery' : 'app');
    form.setFieldValue('code', '');
    form.clearErrors();
    setProblems([]);
  };
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setProblems([]);
        verify.mutate(mode === 'app' ? values.code.replace(/\s/g, '') : values.code.trim());
      })}
    >
      <Stack gap="md">
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

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const setup = useSetupStatus();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [notice, setNotice] = useState<string[]>([]);

  if (me.data) return <Navigate to="/" replace />;
  if (setup.data?.required) return <Navigate to="/setup" replace />;
  if (setup.isPending || me.isPending) return <PageLoader fullScreen />;

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      {setup.isError ? (
        <Stack mb="md">
          <LoadError error={setup.error} onRetry={() => void setup.refetch()} />
        </Stack>
      ) : null}
      {step === 'password' && notice.length > 0 ? (
        <Stack mb="md">
          <FormAlert messages={notice} />
        </Stack>
      ) : null}
      {step === 'password' ? (
        <PasswordStep
          onTwoFactor={() => {
            setNotice([]);
            setStep('totp');
          }}
        />
      ) : (
        <TwoFactorStep
          onCancel={(message) => {
            setNotice(message ? [message] : []);
            setStep('password');
          }}
        />
      )}
    </AuthLayout>
  );
}
