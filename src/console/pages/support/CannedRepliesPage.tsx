import { Badge, Button, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../kit/ConfirmModal.js';
import { QueryList } from '../../kit/QueryList.js';
import { RowEditDelete } from '../../kit/RowButtons.js';
import type { CannedReply } from '../../../shared/contracts/canned-replies.js';
import { errorText } from '../../api/errors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { ForbiddenPage } from '../StatusPages.js';
import { deleteCannedReply, refreshCannedReplies, useCannedReplies } from './canned/api.js';
import { CannedReplyModal } from './canned/CannedReplyModal.js';

/** Every canned reply the signed-in technician can use: the account's, their companies', their own; made and changed here. */
export default function CannedRepliesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const list = useCannedReplies(null);
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const remove = useMutation({
    mutationFn: (reply: CannedReply) => deleteCannedReply(reply.id),
    onSuccess: (_, reply) => {
      refreshCannedReplies(queryClient);
      setDeleting(null);
      notifications.show({ color: 'teal', message: t('requests.canned.deleted', { title: reply.title }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  if (!can(me, 'requests.answer')) return <ForbiddenPage title={t('requests.canned.title')} />;

  const scopeLabel = (reply: CannedReply) =>
    reply.scope === 'company' ? (reply.companyName ?? '') : t(`requests.canned.scopeBadge.${reply.scope}`);

  return (
    <>
      <PageHeader
        title={t('requests.canned.title')}
        description={t('requests.canned.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('requests.canned.new')}
          </Button>
        }
      />
      <QueryList query={list} empty={t('requests.canned.empty')}>
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="sm" data-testid="canned-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('requests.canned.fields.shortcut')}</Table.Th>
                    <Table.Th>{t('requests.canned.fields.title')}</Table.Th>
                    <Table.Th>{t('requests.canned.scope')}</Table.Th>
                    <Table.Th>{t('requests.canned.fields.body')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('requests.canned.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((reply) => (
                    <Table.Tr key={reply.id} data-shortcut={reply.shortcut}>
                      <Table.Td>
                        <Text fw={600} size="sm">
                          /{reply.shortcut}
                        </Text>
                      </Table.Td>
                      <Table.Td>{reply.title}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={reply.scope === 'personal' ? 'grape' : 'blue'}>
                          {reply.scope === 'company'
                            ? `${t('requests.canned.company', labelOptions(words))} · ${scopeLabel(reply)}`
                            : scopeLabel(reply)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere', maxWidth: 420 }}>
                          {reply.body}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RowEditDelete
                          editText={t('requests.canned.edit')}
                          deleteText={t('requests.canned.delete')}
                          onEdit={reply.abilities.update ? () => setEditing(reply) : undefined}
                          onDelete={reply.abilities.delete ? () => setDeleting(reply) : undefined}
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
        title={t('requests.canned.delete')}
        message={deleting ? t('requests.canned.deleteConfirm', { title: deleting.title }) : ''}
        confirmLabel={t('requests.canned.delete')}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
      {editing ? (
        <CannedReplyModal reply={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
