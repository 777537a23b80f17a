import { ActionIcon, Button, FileButton, Group, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowUp, IconDownload, IconFolder, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.js';
import { megabytes } from '../../devices/RemoteAccessCard.js';
import type { Transfer } from './files.js';
import { joinDevicePath, parentDevicePath } from './paths.js';
import type { RemoteSession } from './useRemoteSession.js';

function TransferRow({ transfer, onCancel }: { transfer: Transfer; onCancel: () => void }) {
  const { t } = useTranslation();
  const percent =
    transfer.size > 0 ? Math.round((transfer.done / transfer.size) * 100) : transfer.state === 'done' ? 100 : 0;
  const running = transfer.state !== 'done' && transfer.state !== 'failed';
  return (
    <Stack gap={4} data-testid="file-transfer" data-state={transfer.state} data-direction={transfer.direction}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" truncate>
          {transfer.direction === 'to_device' ? t('remote.files.toDevice') : t('remote.files.fromDevice')} ·{' '}
          {transfer.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c={transfer.state === 'failed' ? 'red' : 'dimmed'}>
            {t(`remote.files.state.${transfer.state}`)}
          </Text>
          {running ? (
            <ActionIcon size="sm" variant="subtle" aria-label={t('remote.files.cancel')} onClick={onCancel}>
              <IconX size={14} aria-hidden />
            </ActionIcon>
          ) : null}
        </Group>
      </Group>
      <Progress
        value={percent}
        color={transfer.state === 'failed' ? 'red' : transfer.state === 'done' ? 'teal' : 'blue'}
        data-testid="file-progress"
        data-percent={percent}
        aria-label={t('remote.files.progress', { name: transfer.name, percent })}
      />
      {transfer.error ? (
        <Text size="xs" c="red" data-testid="file-error" data-error={transfer.error}>
          {transfer.serverMessage ?? t(`remote.files.error.${transfer.error}`)}
        </Text>
      ) : null}
      {transfer.savedAs ? (
        <Text size="xs" c="dimmed">
          {t('remote.files.savedAs', { path: transfer.savedAs })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Files both ways: one sent from this computer; one taken from a folder on the device (browsed); their progress. */
export function FilesPanel({
  remote,
}: {
  remote: Pick<RemoteSession, 'hello' | 'listing' | 'transfers' | 'send' | 'sendFile' | 'getFile' | 'cancelTransfer'>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [path, setPath] = useState('');
  // the same file may be sent again
  const resetFile = useRef<() => void>(null);
  const open = (folder: string) => {
    setPath(folder);
    remote.send({ t: 'file.list', path: folder });
  };
  const listing = remote.listing;
  return (
    <Stack gap="md">
      <Group gap="sm" align="center">
        <FileButton
          resetRef={resetFile}
          onChange={(file) => {
            if (file) remote.sendFile(file);
            resetFile.current?.();
          }}
          inputProps={{ 'aria-label': t('remote.files.choose') }}
        >
          {(props) => (
            <Button {...props} size="xs" leftSection={<IconUpload size={14} aria-hidden />}>
              {t('remote.files.send')}
            </Button>
          )}
        </FileButton>
        {remote.hello ? (
          <Text size="xs" c="dimmed">
            {t('remote.files.limit', { size: megabytes(remote.hello.fileMaxBytes, format.number) })}
          </Text>
        ) : null}
      </Group>
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('remote.files.get')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            open(path.trim());
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              label={t('remote.files.path')}
              description={t('remote.files.pathHelp')}
              value={path}
              onChange={(e) => setPath(e.currentTarget.value)}
            />
            <Button size="xs" variant="default" type="submit">
              {t('remote.files.open')}
            </Button>
          </Group>
        </form>
        {listing ? (
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="device-folder">
            {listing.path}
          </Text>
        ) : null}
        {listing ? (
          <Table withRowBorders={false} verticalSpacing={2} data-testid="device-files">
            <Table.Tbody>
              {listing.path ? (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconArrowUp size={12} aria-hidden />}
                      onClick={() => open(parentDevicePath(listing.path))}
                    >
                      {t('remote.files.up')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {listing.entries.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="xs" c="dimmed">
                      {t('remote.files.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {listing.entries.map((entry) => (
                <Table.Tr key={entry.name}>
                  <Table.Td>
                    {entry.dir ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconFolder size={12} aria-hidden />}
                        aria-label={t('remote.files.folder', { name: entry.name })}
                        onClick={() => open(joinDevicePath(listing.path, entry.name))}
                      >
                        {entry.name}
                      </Button>
                    ) : (
                      <Text size="xs">{entry.name}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {entry.dir ? '' : format.number(entry.size)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {entry.dir ? null : (
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={t('remote.files.take', { name: entry.name })}
                        onClick={() => remote.getFile(joinDevicePath(listing.path, entry.name), entry.name, entry.size)}
                      >
                        <IconDownload size={14} aria-hidden />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
      {remote.transfers.length > 0 ? (
        <Stack gap="sm">
          {[...remote.transfers].reverse().map((transfer) => (
            <TransferRow key={transfer.id} transfer={transfer} onCancel={() => remote.cancelTransfer(transfer.id)} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
