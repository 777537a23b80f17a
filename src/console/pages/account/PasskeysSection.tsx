import { ActionIcon, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFingerprint, IconPencil, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Passkey } from '../../../shared/contracts/passkeys.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { passkeyKeys, removePasskey, useMyPasskeys } from '../../passkeys/api.js';
import { sessionKeys } from '../../session/api.js';
import { AddPasskeyModal } from './AddPasskeyModal.js';
import { PasswordModal } from './PasswordModal.js';
import { RenamePasskeyModal } from './RenamePasskeyModal.js';
import { Section } from './Section.js';

function PasskeyRow({ passkey, onRename, onRemove }: { passkey: Passkey; onRename: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="passkey-row">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconFingerprint size={20} aria-hidden />
          <div style={{ minWidth: 0 }}>
            <Text fw={500} truncate>
              {passkey.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t('passkeys.created', { date: format.date(passkey.createdAt) })}
              {' · '}
              {passkey.lastUsedAt
                ? t('passkeys.lastUsed', { date: format.dateTime(passkey.lastUsedAt) })
                : t('passkeys.neverUsed')}
            </Text>
          </div>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('passkeys.rename.open')}>
            <ActionIcon
              variant="subtle"
              onClick={onRename}
              aria-label={t('passkeys.rename.label', { name: passkey.name })}
            >
              <IconPencil size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('passkeys.remove.open')}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={t('passkeys.remove.label', { name: passkey.name })}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </Paper>
  );
}

/** My account: your passkeys — add several, name them, rename and remove them. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useMyPasskeys();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  // whether two-factor sign-in is required and still missing: the session says so
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: passkeyKeys.mine });
    await queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  };
  return (
    <Section
      title={t('passkeys.title')}
      description={t('passkeys.description')}
      actions={
        <Button leftSection={<IconFingerprint size={16} aria-hidden />} onClick={() => setAdding(true)}>
          {t('passkeys.add.open')}
        </Button>
      }
    >
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text size="sm" data-testid="passkeys-none">
          {t('passkeys.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.data.items.map((passkey) => (
            <PasskeyRow
              key={passkey.id}
              passkey={passkey}
              onRename={() => setRenaming(passkey)}
              onRemove={() => setRemoving(passkey)}
            />
          ))}
        </Stack>
      )}
      <AddPasskeyModal
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={(passkey) => {
          setAdding(false);
          notifications.show({ color: 'teal', message: t('passkeys.add.done', { name: passkey.name }) });
          void changed();
        }}
      />
      {renaming ? (
        <RenamePasskeyModal
          passkey={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            void changed();
          }}
        />
      ) : null}
      <PasswordModal
        opened={removing !== null}
        title={t('passkeys.remove.title', { name: removing?.name ?? '' })}
        message={t('passkeys.remove.message')}
        submitLabel={t('passkeys.remove.submit')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={async (password) => {
          await removePasskey(removing!.id, password);
          setRemoving(null);
          notifications.show({ color: 'teal', message: t('passkeys.remove.done') });
          await changed();
        }}
      />
    </Section>
  );
}
