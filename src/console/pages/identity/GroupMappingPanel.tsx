import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../kit/ConfirmModal.js';
import { QueryList } from '../../kit/QueryList.js';
import { RowEditDelete } from '../../kit/RowButtons.js';
import type { GroupRule } from '../../../shared/contracts/group-rules.js';
import { errorText } from '../../api/errors.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { deleteGroupRule, refreshGroupRules, useGroupRules } from './group-rules/api.js';
import { GroupPreview } from './group-rules/GroupPreview.js';
import { GroupRuleModal } from './group-rules/GroupRuleModal.js';

/** The rules from an identity provider's groups to a role and access: listed, added, changed, deleted, tried. */
export function GroupMappingPanel() {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const { locale, list: joined } = useFormat();
  const queryClient = useQueryClient();
  const rules = useGroupRules();
  const [editing, setEditing] = useState<GroupRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<GroupRule | null>(null);
  const remove = useMutation({
    mutationFn: (rule: GroupRule) => deleteGroupRule(rule.id),
    onSuccess: (_, rule) => {
      refreshGroupRules(queryClient);
      setDeleting(null);
      notifications.show({ color: 'teal', message: t('groupMapping.deleted', { group: rule.groupName }) });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const names = new Map((rules.data?.items ?? []).flatMap((r) => r.companies.map((c) => [c.id, c.name] as const)));
  const accessOf = (rule: GroupRule) =>
    rule.allCompanies
      ? t('groupMapping.fields.allCompanies', labelOptions(words))
      : joined(rule.companies.map((c) => c.name));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" maw={720}>
          {t('groupMapping.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('groupMapping.add')}
        </Button>
      </Group>
      <QueryList query={rules} empty={t('groupMapping.empty')}>
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" data-testid="group-rules-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('groupMapping.columns.group')}</Table.Th>
                    <Table.Th>{t('groupMapping.columns.role')}</Table.Th>
                    <Table.Th>{t('groupMapping.columns.access')}</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">{t('groupMapping.columns.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((rule) => (
                    <Table.Tr key={rule.id} data-group={rule.groupName}>
                      <Table.Td>
                        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {rule.groupName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`roles.${rule.role}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {accessOf(rule)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RowEditDelete
                          editText={t('groupMapping.edit')}
                          deleteText={t('groupMapping.delete')}
                          onEdit={() => setEditing(rule)}
                          onDelete={() => setDeleting(rule)}
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
      <GroupPreview companyName={(id) => names.get(id) ?? id} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('groupMapping.delete')}
        message={deleting ? t('groupMapping.deleteConfirm', { group: deleting.groupName }) : ''}
        confirmLabel={t('groupMapping.delete')}
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
      {editing ? <GroupRuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
