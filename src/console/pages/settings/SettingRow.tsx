import { Badge, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSettingItem } from '../../../shared/contracts/settings.js';
import { settingKeys, updateAccountSettings } from './api.js';
import { SettingControl } from './SettingControl.js';
import { SettingHistoryButton } from './SettingHistory.js';
import { helpOf, labelOf, saveProblemText, valueText } from './setting-text.js';

/** One setting: its control, default, lock and history; saved on its own. */
export function SettingRow({ item, editable }: { item: AccountSettingItem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<unknown>(item.isSet ? item.value : item.effective);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: updateAccountSettings,
    onSuccess: (data) => {
      queryClient.setQueryData(settingKeys.account, data);
      const fresh = data.items.find((i) => i.key === item.key)!;
      setDraft(fresh.isSet ? fresh.value : fresh.effective);
      setError(undefined);
      notifications.show({ color: 'green', message: t('settings.saved') });
    },
    onError: (err) => setError(saveProblemText(t, err, i18n.language)),
  });
  const current = item.isSet ? item.value : item.effective;
  const changed = JSON.stringify(draft) !== JSON.stringify(current);
  const label = labelOf(t, item.key);
  const cleaned = typeof draft === 'string' && item.input.kind === 'text' && draft.trim() === '' ? null : draft;

  return (
    <Stack
      gap={6}
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-setting={item.key}
    >
      <SettingControl
        id={`setting-${item.key}`}
        label={label}
        input={item.input}
        value={draft}
        onChange={setDraft}
        disabled={!editable || save.isPending}
        error={error}
      />
      <Text size="sm" c="dimmed">
        {helpOf(t, item.key)} {t('settings.default', { value: valueText(t, item.input, item.default, i18n.language) })}
      </Text>
      <Group gap="sm">
        {editable ? (
          <>
            <Button
              size="xs"
              disabled={!changed}
              loading={save.isPending}
              onClick={() => save.mutate({ values: { [item.key]: cleaned } })}
            >
              {t('settings.save')}
            </Button>
            {item.isSet ? (
              <Button size="xs" variant="default" onClick={() => save.mutate({ values: { [item.key]: null } })}>
                {t('settings.resetToDefault')}
              </Button>
            ) : null}
          </>
        ) : null}
        {item.overridable ? (
          <Switch
            size="sm"
            label={t('settings.lock')}
            description={t('settings.lockHelp')}
            checked={item.locked}
            disabled={!editable || save.isPending}
            onChange={(e) => save.mutate({ locks: { [item.key]: e.currentTarget.checked } })}
          />
        ) : null}
        {item.isSet ? (
          <Badge variant="light">{t('settings.sources.account')}</Badge>
        ) : (
          <Badge variant="light" color="gray">
            {t('settings.sources.default')}
          </Badge>
        )}
        <SettingHistoryButton settingKey={item.key} />
      </Group>
    </Stack>
  );
}
