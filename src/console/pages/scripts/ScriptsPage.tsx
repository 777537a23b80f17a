import { Badge, Button, Code, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../kit/ConfirmModal.js';
import { QueryList } from '../../kit/QueryList.js';
import { RowEditDelete } from '../../kit/RowButtons.js';
import type { Script } from '../../../shared/contracts/device-scripts.js';
import { errorText } from '../../api/errors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { ForbiddenPage } from '../StatusPages.js';
import { deleteScript, refreshScripts, useScripts } from './api.js';
import { ScriptModal } from './ScriptModal.js';

/** The saved scripts one may run on devices: the account's and one's companies'; made, changed and deleted here. */
export default function ScriptsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const allowed = can(me, 'devices.control');
  const list = useScripts(allowed);
  const [editing, setEditing] = useState<Script | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Script | null>(null);
  const remove = useMutation({
    mutationFn: (script: Script) => deleteScript(script.id),
    onSuccess: (_, script) => {
      refreshScripts(queryClient);
      setDeleting(null);
      notifications.show({ color: 'teal', message: t('scripts.deleted', { name: script.name }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  if (!allowed) return <ForbiddenPage title={t('scripts.title')} />;

  return (
    <>
      <PageHeader
        title={t('scripts.title')}
        description={t('scripts.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('scripts.new')}
          </Button>
        }
      />
      <QueryList query={list} empty={t('scripts.empty')}>
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="sm" data-testid="scripts-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scripts.fields.name')}</Table.Th>
                    <Table.Th>{t('scripts.fields.shell')}</Table.Th>
                    <Table.Th>{t('scripts.scope')}</Table.Th>
                    <Table.Th>{t('scripts.fields.body')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('scripts.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((script) => (
                    <Table.Tr key={script.id} data-script={script.name}>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          {script.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`scripts.shells.${script.shell}`)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={script.companyId ? 'blue' : 'grape'}>
                          {script.companyName ?? t('scripts.accountWide')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Code block style={{ maxWidth: 420, maxHeight: 60, overflow: 'hidden' }}>
                          {script.body}
                        </Code>
                      </Table.Td>
                      <Table.Td>
                        <RowEditDelete
                          editText={t('scripts.edit')}
                          deleteText={t('scripts.delete')}
                          onEdit={script.abilities.update ? () => setEditing(script) : undefined}
                          onDelete={script.abilities.delete ? () => setDeleting(script) : undefined}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryList>
      <ConfirmModal
        opened={deleting !== null}
        title={t('scripts.delete')}
        message={deleting ? t('scripts.deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={t('scripts.delete')}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
      {editing ? <ScriptModal script={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
