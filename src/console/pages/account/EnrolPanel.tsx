import { Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  totpCodePattern,
  twoFactorCodeMax,
  type Enrolment,
  type TwoFactorStatus,
} from '../../../shared/contracts/two-factor.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { sessionKeys } from '../../session/api.js';
import { confirmTwoFactor } from './api.js';

/** The QR code and the key to type by hand. */
function AuthenticatorKey({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Image
        src={enrolment.qrCode}
        alt={t('twoFactor.enrol.qrAlt')}
        w={200}
        h={200}
        radius="sm"
        style={{ background: '#fff' }}
      />
      <Stack gap={6} style={{ flex: '1 1 240px' }}>
        <Text size="sm" id="manual-key-label">
          {t('twoFactor.enrol.manualKey')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="md" aria-labelledby="manual-key-label" data-testid="manual-key" style={{ wordBreak: 'break-all' }}>
            {enrolment.manualKey}
          </Code>
          <CopyButton value={enrolment.manualKey.replace(/\s/g, '')} timeout={2500}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="default"
                onClick={copy}
                // the name starts with what the button shows, then says what it copies
                aria-label={`${copied ? t('common.copied') : t('common.copy')} · ${t('twoFactor.enrol.keyLabel')}`}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Group>
  );
}

/** The QR code, the key to type, and the first code that turns two-factor sign-in on. */
export function EnrolPanel({
  enrolment,
  onCancel,
  onEnabled,
}: {
  enrolment: Enrolment;
  onCancel: () => void;
  onEnabled: (codes: string[], status: TwoFactorStatus) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const {
    form,
    mutation: confirm,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'uncontrolled',
      initialValues: { code: '' },
      validate: {
        code: (v: string) => (totpCodePattern.test(v.replace(/\s/g, '')) ? null : t('twoFactor.enrol.invalidFormat')),
      },
    },
    mutationFn: confirmTwoFactor,
    toVariables: (values) => values.code.replace(/\s/g, ''),
    onSuccess: (result) => {
      onEnabled(result.recoveryCodes, result.status);
      // a required second factor is now set up: the rest of the console opens
      void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    },
  });
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <Text size="sm" fw={500}>
          {t('twoFactor.enrol.scan')}
        </Text>
        <AuthenticatorKey enrolment={enrolment} />
        <Text size="sm" fw={500}>
          {t('twoFactor.enrol.type')}
        </Text>
        <FormAlert messages={problems} />
        <TextInput
          label={t('twoFactor.enrol.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          maxLength={twoFactorCodeMax}
          w={{ base: '100%', xs: 240 }}
          key={form.key('code')}
          {...form.getInputProps('code')}
        />
        <Group gap="sm">
          <Button type="submit" loading={confirm.isPending} leftSection={<IconShieldCheck size={16} aria-hidden />}>
            {t('twoFactor.enrol.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('twoFactor.enrol.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
