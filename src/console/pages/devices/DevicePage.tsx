import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconBan, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { NotFoundPage } from '../StatusPages.js';
import { deviceKeys, refreshDevices, revokeDevice, saveAnnotations, useDevice, useLiveDevices } from './api.js';
import { DeviceStatusBadge, gigabytes, OsText, TagList } from './parts.js';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function Inventory({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  const hw = device.hardware;
  const uptimeHours = hw.uptimeSeconds === null ? null : Math.floor(hw.uptimeSeconds / 3600);
  return (
    <Paper withBorder radius="md" p="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Fact label={t('devices.columns.status')}>
          <DeviceStatusBadge device={device} />
        </Fact>
        <Fact label={words.singular}>
          <Anchor component={Link} to={`/companies/${device.company.id}`} size="sm">
            {device.company.name}
          </Anchor>
        </Fact>
        <Fact label={t('devices.columns.os')}>
          <OsText device={device} />
        </Fact>
        <Fact label={t('devices.columns.hostname')}>
          <Text size="sm">{device.hostname}</Text>
        </Fact>
        <Fact label={t('devices.columns.ipAddresses')}>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {device.ipAddresses.join(', ')}
          </Text>
        </Fact>
        <Fact label={t('devices.columns.agentVersion')}>
          <Text size="sm">{device.agentVersion}</Text>
        </Fact>
        <Fact label={t('devices.detail.cpu')}>
          <Text size="sm">
            {hw.cpu ? t('devices.detail.cpuText', { model: hw.cpu.model, cores: format.number(hw.cpu.cores) }) : '—'}
          </Text>
        </Fact>
        <Fact label={t('devices.detail.memory')}>
          <Text size="sm">{hw.memory ? gigabytes(hw.memory.totalBytes, format.number) : '—'}</Text>
        </Fact>
        <Fact label={t('devices.detail.uptime')}>
          <Text size="sm">
            {uptimeHours === null
              ? '—'
              : t('devices.detail.hours', { count: uptimeHours, hours: format.number(uptimeHours) })}
          </Text>
        </Fact>
        <Fact label={t('devices.columns.enrolled')}>
          <Text size="sm">{format.dateTime(device.enrolledAt)}</Text>
        </Fact>
        <Fact label={t('devices.columns.lastSeen')}>
          <Text size="sm" data-testid="last-seen">
            {format.dateTime(device.lastSeenAt)}
          </Text>
        </Fact>
        <Fact label={t('devices.detail.inventoryAt')}>
          <Text size="sm">{device.inventoryAt ? format.dateTime(device.inventoryAt) : '—'}</Text>
        </Fact>
      </SimpleGrid>
      {hw.disks.length > 0 ? (
        <Table mt="md" aria-label={t('devices.detail.disks')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('devices.detail.mount')}</Table.Th>
              <Table.Th>{t('devices.detail.size')}</Table.Th>
              <Table.Th>{t('devices.detail.used')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {hw.disks.map((d, i) => (
              <Table.Tr key={`${d.mount}-${i}`}>
                <Table.Td>{d.mount}</Table.Td>
                <Table.Td>{gigabytes(d.sizeBytes, format.number)}</Table.Td>
                <Table.Td>{gigabytes(d.usedBytes, format.number)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  );
}

function Annotations({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState(device.notes);
  const [tags, setTags] = useState(device.tags);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveAnnotations(device.id, { notes, tags }),
    onSuccess: (updated) => {
      queryClient.setQueryData(deviceKeys.detail(device.id), updated);
      refreshDevices(queryClient);
      setProblem(null);
      notifications.show({ color: 'teal', message: t('devices.detail.saved') });
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  if (!device.abilities.annotate) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Fact label={t('devices.columns.tags')}>
            <TagList tags={device.tags} />
          </Fact>
          <Fact label={t('devices.detail.notes')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {device.notes || '—'}
            </Text>
          </Fact>
        </Stack>
      </Paper>
    );
  }
  const changed = notes !== device.notes || JSON.stringify(tags) !== JSON.stringify(device.tags);
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="form"
      onSubmit={(e: React.FormEvent) => (e.preventDefault(), save.mutate())}
    >
      <Stack gap="sm">
        <TagsInput
          label={t('devices.columns.tags')}
          value={tags}
          onChange={setTags}
          maxTags={limits.deviceTags}
          splitChars={[',']}
          clearable
        />
        <Textarea
          label={t('devices.detail.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          maxLength={limits.deviceNotes}
          autosize
          minRows={3}
        />
        {problem ? (
          <Text c="red" size="sm" role="alert">
            {problem}
          </Text>
        ) : null}
        <Group>
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            disabled={!changed}
            loading={save.isPending}
          >
            {t('devices.detail.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function History({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="md" p="lg">
      {device.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('devices.detail.noHistory')}
        </Text>
      ) : (
        <Table aria-label={t('devices.detail.history')} data-testid="status-history">
          <Table.Tbody>
            {device.history.map((h, i) => (
              <Table.Tr key={`${h.at}-${i}`}>
                <Table.Td w={120}>
                  <DeviceStatusBadge device={{ status: h.status, revoked: false }} />
                </Table.Td>
                <Table.Td>{format.dateTime(h.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function RevokeButton({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeDevice(device.id),
    onSuccess: (updated) => {
      queryClient.setQueryData(deviceKeys.detail(device.id), updated);
      refreshDevices(queryClient);
      setConfirming(false);
      notifications.show({ color: 'teal', message: t('devices.detail.revoked') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconBan size={16} aria-hidden />}
        onClick={() => setConfirming(true)}
      >
        {t('devices.detail.revoke')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('devices.detail.revokeTitle')} centered>
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t('devices.detail.revokeMessage', { name: device.name })}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t('devices.detail.revokeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export default function DevicePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const device = useDevice(id);
  useLiveDevices(queryClient, id);
  if (device.isPending) return <PageLoader />;
  if (device.isError)
    return device.error instanceof ApiError && device.error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <LoadError error={device.error} onRetry={() => void device.refetch()} />
    );
  const d = device.data;
  return (
    <>
      <Anchor
        component={Link}
        to="/devices"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden /> {t('devices.title')}
      </Anchor>
      <PageHeader
        title={d.name}
        description={d.hostname ?? undefined}
        actions={d.abilities.revoke ? <RevokeButton device={d} /> : null}
      />
      {d.revoked ? (
        <Alert color="gray" variant="light" mb="md">
          {t('devices.detail.revokedAt', { date: format.dateTime(d.revokedAt) })}
        </Alert>
      ) : null}
      <Stack gap="lg">
        <Inventory device={d} />
        <div>
          <Title order={2} fz="lg" mb="sm">
            {t('devices.detail.annotations')}
          </Title>
          <Annotations key={`${d.notes}|${d.tags.join(',')}`} device={d} />
        </div>
        <div>
          <Title order={2} fz="lg" mb="sm">
            {t('devices.detail.history')}
          </Title>
          <History device={d} />
        </div>
      </Stack>
    </>
  );
}
