import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { AuthLayout } from '../components/AuthLayout.js';
import { FormAlert, LoadError, PageLoader } from '../components/Feedback.js';
import { useMe, useSetupStatus } from '../session/api.js';
import { PasswordStep } from './login/PasswordStep.js';
import { SsoButtons } from './login/SsoButtons.js';
import { SsoFailure } from './login/SsoFailure.js';
import { TwoFactorStep } from './login/TwoFactorStep.js';
import { PasskeySignIn } from './login/PasskeySignIn.js';
import type { SecondFactorKind } from '../../shared/contracts/auth.js';

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const setup = useSetupStatus();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [secondFactors, setSecondFactors] = useState<SecondFactorKind[]>(['totp']);
  const [notice, setNotice] = useState<string[]>([]);
  const [email, setEmail] = useState('');

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
      {step === 'password' ? <SsoFailure /> : null}
      {step === 'password' ? (
        <>
          <PasswordStep
            onEmail={setEmail}
            onTwoFactor={(factors) => {
              setNotice([]);
              setSecondFactors(factors);
              setStep('totp');
            }}
          />
          <PasskeySignIn />
          <SsoButtons email={email} />
        </>
      ) : (
        <TwoFactorStep
          secondFactors={secondFactors}
          onCancel={(message) => {
            setNotice(message ? [message] : []);
            setStep('password');
          }}
        />
      )}
    </AuthLayout>
  );
}
