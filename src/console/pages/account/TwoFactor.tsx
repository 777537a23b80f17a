import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recoveryCodeCount, type Enrolment, type TwoFactorStatus } from '../../../shared/contracts/two-factor.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { accountKeys, disableTwoFactor, regenerateRecoveryCodes, startTwoFactor, useTwoFactorStatus } from './api.js';
import { EnrolPanel } from './EnrolPanel.js';
import { useMyPasskeys } from '../../passkeys/api.js';
import { PasswordModal } from './PasswordModal.js';
import { RecoveryCodesModal } from './RecoveryCodesModal.js';
import { Section } from './Section.js';

type Ask = 'start' | 'disable' | 'regenerate';
/** Each step asked with the password, its texts under `twoFactor.<prefix>`. */
const asks = [
  { ask: 'start', prefix: 'startConfirm', danger: false },
  { ask: 'disable', prefix: 'disable', danger: true },
  { ask: 'regenerate', prefix: 'regenerate', danger: false },
] as const satisfies readonly { ask: Ask; prefix: string; danger: boolean }[];

function StatusBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="lg"
      variant="light"
      color={enabled ? 'teal' : 'gray'}
      leftSection={enabled ? <IconShieldCheck size={14} aria-hidden /> : <IconShieldOff size={14} aria-hidden />}
    >
      {enabled ? t('twoFactor.on') : t('twoFactor.off')}
    </Badge>
  );
}

/** On: since when, the recovery codes left, and the ways to replace them or turn it off. */
function EnabledState({ status, onAsk }: { status: TwoFactorStatus; onAsk: (ask: Ask) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="two-factor-status">
        {t('twoFactor.onSince', { date: format.date(status.confirmedAt) })}
      </Text>
      <Text size="sm">
        {t('twoFactor.codesLeft', {
          left: format.number(status.recoveryCodesLeft),
          total: format.number(recoveryCodeCount),
        })}
      </Text>
      {status.recoveryCodesLeft <= 3 ? (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('twoFactor.codesLow')}
        </Alert>
      ) : null}
      <Group gap="sm">
        <Button variant="default" onClick={() => onAsk('regenerate')}>
          {t('twoFactor.regenerate.open')}
        </Button>
        <Button variant="light" color="red" onClick={() => onAsk('disable')}>
          {t('twoFactor.disable.open')}
        </Button>
      </Group>
    </Stack>
  );
}

/** My account: turn two-factor sign-in on and off, and manage the recovery codes. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<Ask | null>(null);
  const status = useTwoFactorStatus();
  const passkeys = useMyPasskeys();

  const confirmed: Record<Ask, (password: string) => Promise<void>> = {
    start: async (password) => {
      const started = await startTwoFactor(password);
      setAsking(null);
      setEnrolment(started);
    },
    disable: async (password) => {
      await disableTwoFactor(password);
      setAsking(null);
      queryClient.setQueryData(accountKeys.twoFactor, { enabled: false, confirmedAt: null, recoveryCodesLeft: 0 });
      notifications.show({ color: 'teal', message: t('twoFactor.disable.done') });
    },
    regenerate: async (password) => {
      const result = await regenerateRecoveryCodes(password);
      setAsking(null);
      queryClient.setQueryData(accountKeys.twoFactor, result.status);
      setCodes(result.recoveryCodes);
    },
  };

  const current = status.data;
  return (
    <Section
      title={t('twoFactor.title')}
      description={t('twoFactor.description')}
      actions={current ? <StatusBadge enabled={current.enabled} /> : null}
    >
      {status.isPending ? (
        <PageLoader />
      ) : status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : status.data.enabled ? (
        <EnabledState status={status.data} onAsk={setAsking} />
      ) : enrolment ? (
        <EnrolPanel
          enrolment={enrolment}
          onCancel={() => setEnrolment(null)}
          onEnabled={(recoveryCodes, next) => {
            setEnrolment(null);
            queryClient.setQueryData(accountKeys.twoFactor, next);
            setCodes(recoveryCodes);
            notifications.show({ color: 'teal', message: t('twoFactor.enabled') });
          }}
        />
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" data-testid="two-factor-status">
            {(passkeys.data?.items.length ?? 0) > 0 ? t('passkeys.twoFactorOff') : t('twoFactor.offExplanation')}
          </Text>
          <Button onClick={() => setAsking('start')} leftSection={<IconShieldCheck size={16} aria-hidden />}>
            {t('twoFactor.start')}
          </Button>
        </Stack>
      )}
      <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />
      {asks.map(({ ask, prefix, danger }) => (
        <PasswordModal
          key={ask}
          opened={asking === ask}
          title={t(`twoFactor.${prefix}.title`)}
          message={t(`twoFactor.${prefix}.message`)}
          submitLabel={t(`twoFactor.${prefix}.submit`)}
          danger={danger}
          onClose={() => setAsking(null)}
          onConfirm={confirmed[ask]}
        />
      ))}
    </Section>
  );
}
