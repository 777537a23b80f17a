import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanySettingItem } from '../../../shared/contracts/settings.js';
import { settingKeys, updateCompanySetting } from './api.js';
import { SettingControl } from './SettingControl.js';
import { SettingHistoryButton } from './SettingHistory.js';
import { helpOf, labelOf, saveProblemText, valueText } from './setting-text.js';

const sourceColor = { default: 'gray', account: 'blue', company: 'grape', locked: 'orange' } as const;

/** One setting of a company: where its value comes from, and an override unless the account locked it. */
export function CompanySettingRow({
  companyId,
  item,
  editable,
}: {
  companyId: string;
  item: CompanySettingItem;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<unknown>(item.override ?? item.effective);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (value: unknown) => updateCompanySetting(companyId, item.key, value),
    onSuccess: (data) => {
      queryClient.setQueryData(settingKeys.company(companyId), data);
      setEditing(false);
      setError(undefined);
      notifications.show({ color: 'green', message: t('settings.saved') });
    },
    onError: (err) => setError(saveProblemText(t, err, i18n.language)),
  });
  const label = labelOf(t, item.key);
  return (
    <Stack
      gap={6}
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-setting={item.key}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>{label}</Text>
          <Text size="sm" c="dimmed">
            {helpOf(t, item.key)}
          </Text>
        </Stack>
        <Badge
          color={sourceColor[item.source]}
          variant="light"
          leftSection={item.source === 'locked' ? <IconLock size={12} aria-hidden /> : undefined}
        >
          {t(`settings.sources.${item.source}`)}
        </Badge>
      </Group>
      {editing ? (
        <Stack gap="xs">
          <SettingControl
            id={`company-setting-${item.key}`}
            label={label}
            input={item.input}
            value={draft}
            onChange={setDraft}
            disabled={save.isPending}
            error={error}
          />
          {item.stricterOnly ? (
            <Text size="xs" c="dimmed">
              {t('settings.company.stricterOnly')}
            </Text>
          ) : null}
          <Group gap="sm">
            <Button
              size="xs"
              loading={save.isPending}
              onClick={() => save.mutate(typeof draft === 'string' && draft.trim() === '' ? null : draft)}
            >
              {t('settings.save')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="sm">
          <Text data-testid="effective">{valueText(t, item.input, item.effective, i18n.language)}</Text>
          {item.locked ? (
            <Text size="sm" c="orange">
              {t('settings.company.lockedReason')}
            </Text>
          ) : editable ? (
            <>
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => (setDraft(item.override ?? item.effective), setEditing(true))}
              >
                {t('settings.company.override')}
              </Button>
              {item.source === 'company' ? (
                <Button size="compact-sm" variant="default" loading={save.isPending} onClick={() => save.mutate(null)}>
                  {t('settings.company.resetToInherited')}
                </Button>
              ) : null}
            </>
          ) : null}
          <SettingHistoryButton settingKey={item.key} companyId={companyId} />
        </Group>
      )}
      {!editing && error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
