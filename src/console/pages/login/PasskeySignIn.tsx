import { Button, Divider, Stack } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { secondFactorWithPasskey, signInWithPasskey } from '../../passkeys/api.js';
import { passkeyErrorText } from '../../passkeys/errors.js';
import { useAfterSignIn } from './useAfterSignIn.js';

/** "Sign in with a passkey": a passkey alone, both factors at once (the device verifies the person). */
export function PasskeySignIn() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const afterSignIn = useAfterSignIn();
  const [problem, setProblem] = useState<string[]>([]);
  const signIn = useMutation({
    mutationFn: signInWithPasskey,
    onMutate: () => setProblem([]),
    onSuccess: (result) => afterSignIn(result.csrfToken),
    onError: (error) => setProblem([passkeyErrorText(t, error, locale)]),
  });
  return (
    <Stack gap="md" mt="md">
      <Divider label={t('passkeys.signIn.or')} labelPosition="center" />
      <FormAlert messages={problem} />
      <Button
        variant="default"
        fullWidth
        leftSection={<IconFingerprint size={18} aria-hidden />}
        loading={signIn.isPending}
        onClick={() => signIn.mutate()}
      >
        {t('passkeys.signIn.button')}
      </Button>
    </Stack>
  );
}

/** The second step with one of the user's passkeys, beside the code (or alone, for a user without an app). */
export function PasskeySecondFactor({ onExpired }: { onExpired: (message: string) => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const afterSignIn = useAfterSignIn();
  const [problem, setProblem] = useState<string[]>([]);
  const verify = useMutation({
    mutationFn: secondFactorWithPasskey,
    onMutate: () => setProblem([]),
    onSuccess: (result) => afterSignIn(result.csrfToken),
    onError: (error) => {
      if ((error as { code?: string }).code === 'unauthenticated') onExpired(t('twoFactor.login.expired'));
      else setProblem([passkeyErrorText(t, error, locale)]);
    },
  });
  return (
    <Stack gap="sm">
      <FormAlert messages={problem} />
      <Button
        variant="light"
        fullWidth
        leftSection={<IconFingerprint size={18} aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('passkeys.secondFactor.use')}
      </Button>
    </Stack>
  );
}
