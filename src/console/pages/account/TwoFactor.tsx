import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconDownload,
  IconShieldCheck,
  IconShieldOff,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import {
  enrolmentSchema,
  recoveryCodeCount,
  recoveryCodesSchema,
  totpCodePattern,
  twoFactorCodeMax,
  twoFactorStatusSchema,
  type Enrolment,
  type TwoFactorStatus,
} from '../../../shared/contracts/two-factor.js';
import { api, ApiError } from '../../api/client.js';
import { applyFieldErrors, errorText } from '../../api/errors.js';
import { queryKeys, useSession } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { Section } from './Section.js';

const statusKey = ['two-factor'] as const;

/** Ten codes, shown once, with copy and download. */
function RecoveryCodesModal({ codes, onClose }: { codes: string[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const text = codes?.join('\n') ?? '';
  const download = () => {
    const content = `${t('twoFactor.codes.fileHeader', { email: me.user.email, date: format.date(new Date().toISOString()) })}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tandem-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Modal
      opened={codes !== null}
      onClose={onClose}
      title={t('twoFactor.codes.title')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {codes ? (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('twoFactor.codes.onceTitle')}
          >
            {t('twoFactor.codes.onceMessage')}
          </Alert>
          <SimpleGrid
            cols={2}
            spacing="xs"
            component="ul"
            aria-label={t('twoFactor.codes.listLabel')}
            data-testid="recovery-codes"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {codes.map((code) => (
              <Code key={code} component="li" fz="md" ta="center" py={6}>
                {code}
              </Code>
            ))}
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <CopyButton value={text} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  >
                    {copied ? t('common.copied') : t('twoFactor.codes.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden />}>
                {t('twoFactor.codes.download')}
              </Button>
            </Group>
            <Button onClick={onClose}>{t('twoFactor.codes.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

/** Asks for the password before the second factor is set up, turned off or its codes replaced. */
function PasswordModal({
  opened,
  title,
  message,
  submitLabel,
  danger,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  message: string;
  submitLabel: string;
  danger?: boolean;
  onClose: () => void;
  onConfirm: (password: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (v: string) => (v ? null : t('validation.required')) },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  const confirm = useMutation({
    mutationFn: (password: string) => onConfirm(password),
    onSuccess: () => {
      form.reset();
      setProblems([]);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid_credentials') {
        form.setFieldError('password', t('twoFactor.passwordWrong'));
        return;
      }
      setProblems(applyFieldErrors(form, error, t, currentLanguage()) ?? [errorText(t, error, format.locale)]);
    },
  });
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form noValidate onSubmit={form.onSubmit((values) => confirm.mutate(values.password))}>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <FormAlert messages={problems} />
          <PasswordInput
            label={t('twoFactor.password')}
            autoComplete="current-password"
            required
            maxLength={limits.passwordMax}
            data-autofocus
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={confirm.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The QR code, the key to type, and the first code that turns two-factor sign-in on. */
function EnrolPanel({
  enrolment,
  onCancel,
  onEnabled,
}: {
  enrolment: Enrolment;
  onCancel: () => void;
  onEnabled: (codes: string[], status: TwoFactorStatus) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: {
      code: (v: string) => (totpCodePattern.test(v.replace(/\s/g, '')) ? null : t('twoFactor.enrol.invalidFormat')),
    },
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post('/me/two-factor/confirm', { code }, { schema: recoveryCodesSchema }),
    onSuccess: (result) => {
      onEnabled(result.recoveryCodes, result.status);
      // a required second factor is now set up: the rest of the console opens
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (error) =>
      setProblems(applyFieldErrors(form, error, t, currentLanguage()) ?? [errorText(t, error, format.locale)]),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setProblems([]);
        confirm.mutate(values.code.replace(/\s/g, ''));
      })}
    >
      <Stack gap="md">
        <Text size="sm" fw={500}>
          {t('twoFactor.enrol.scan')}
        </Text>
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
              <Code
                fz="md"
                aria-labelledby="manual-key-label"
                data-testid="manual-key"
                style={{ wordBreak: 'break-all' }}
              >
                {enrolment.manualKey}
              </Code>
              <CopyButton value={enrolment.manualKey.replace(/\s/g, '')} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={copy}
                    aria-label={t('twoFactor.enrol.keyLabel')}
                    leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Group>
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

/** My account: turn two-factor sign-in on and off, and manage the recovery codes. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [asking, setAsking] = useState<'start' | 'disable' | 'regenerate' | null>(null);

  const status = useQuery({
    queryKey: statusKey,
    queryFn: ({ signal }) => api.get('/me/two-factor', { schema: twoFactorStatusSchema, signal }),
  });
  const start = async (password: string) => {
    const started = await api.post('/me/two-factor', { password }, { schema: enrolmentSchema });
    setAsking(null);
    setEnrolment(started);
  };

  const disable = async (password: string) => {
    await api.delete('/me/two-factor', { body: { password } });
    setAsking(null);
    queryClient.setQueryData(statusKey, { enabled: false, confirmedAt: null, recoveryCodesLeft: 0 });
    notifications.show({ color: 'teal', message: t('twoFactor.disable.done') });
  };
  const regenerate = async (password: string) => {
    const result = await api.post('/me/two-factor/recovery-codes', { password }, { schema: recoveryCodesSchema });
    setAsking(null);
    queryClient.setQueryData(statusKey, result.status);
    setCodes(result.recoveryCodes);
  };

  const current = status.data;
  return (
    <Section
      title={t('twoFactor.title')}
      description={t('twoFactor.description')}
      actions={
        current ? (
          <Badge
            size="lg"
            variant="light"
            color={current.enabled ? 'teal' : 'gray'}
            leftSection={
              current.enabled ? <IconShieldCheck size={14} aria-hidden /> : <IconShieldOff size={14} aria-hidden />
            }
          >
            {current.enabled ? t('twoFactor.on') : t('twoFactor.off')}
          </Badge>
        ) : null
      }
    >
      {status.isPending ? (
        <PageLoader />
      ) : status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : current!.enabled ? (
        <Stack gap="sm">
          <Text size="sm" data-testid="two-factor-status">
            {t('twoFactor.onSince', { date: format.date(current!.confirmedAt) })}
          </Text>
          <Text size="sm">
            {t('twoFactor.codesLeft', {
              left: format.number(current!.recoveryCodesLeft),
              total: format.number(recoveryCodeCount),
            })}
          </Text>
          {current!.recoveryCodesLeft <= 3 ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {t('twoFactor.codesLow')}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button variant="default" onClick={() => setAsking('regenerate')}>
              {t('twoFactor.regenerate.open')}
            </Button>
            <Button variant="light" color="red" onClick={() => setAsking('disable')}>
              {t('twoFactor.disable.open')}
            </Button>
          </Group>
        </Stack>
      ) : enrolment ? (
        <EnrolPanel
          enrolment={enrolment}
          onCancel={() => setEnrolment(null)}
          onEnabled={(recoveryCodes, next) => {
            setEnrolment(null);
            queryClient.setQueryData(statusKey, next);
            setCodes(recoveryCodes);
            notifications.show({ color: 'teal', message: t('twoFactor.enabled') });
          }}
        />
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm" data-testid="two-factor-status">
            {t('twoFactor.offExplanation')}
          </Text>
          <Button onClick={() => setAsking('start')} leftSection={<IconShieldCheck size={16} aria-hidden />}>
            {t('twoFactor.start')}
          </Button>
        </Stack>
      )}
      <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />
      <PasswordModal
        opened={asking === 'start'}
        title={t('twoFactor.startConfirm.title')}
        message={t('twoFactor.startConfirm.message')}
        submitLabel={t('twoFactor.startConfirm.submit')}
        onClose={() => setAsking(null)}
        onConfirm={start}
      />
      <PasswordModal
        opened={asking === 'disable'}
        title={t('twoFactor.disable.title')}
        message={t('twoFactor.disable.message')}
        submitLabel={t('twoFactor.disable.submit')}
        danger
        onClose={() => setAsking(null)}
        onConfirm={disable}
      />
      <PasswordModal
        opened={asking === 'regenerate'}
        title={t('twoFactor.regenerate.title')}
        message={t('twoFactor.regenerate.message')}
        submitLabel={t('twoFactor.regenerate.submit')}
        onClose={() => setAsking(null)}
        onConfirm={regenerate}
      />
    </Section>
  );
}
