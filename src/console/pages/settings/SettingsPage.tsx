import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountSettingsResponse, type AccountSettingItem } from '../../../shared/contracts/settings.js';
import { settingGroups } from '../../../shared/settings.js';
import { api, ApiError } from '../../api/client.js';
import { errorText, fieldProblemText } from '../../api/errors.js';
import { can, useSession } from '../../api/queries.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PageGuard } from '../StatusPages.js';
import { SettingControl } from './SettingControl.js';
import { SettingHistoryButton } from './SettingHistory.js';
import { helpOf, labelOf, valueText } from './setting-text.js';

export const settingsQueryKey = ['settings', 'account'] as const;

type Patch = { values?: Record<string, unknown>; locks?: Record<string, boolean> };

/** One setting: its control, default, lock and history; saved on its own. */
function SettingRow({ item, editable }: { item: AccountSettingItem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<unknown>(item.isSet ? item.value : item.effective);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (patch: Patch) => api.patch('/settings', patch, { schema: accountSettingsResponse }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsQueryKey, data);
      const fresh = data.items.find((i) => i.key === item.key)!;
      setDraft(fresh.isSet ? fresh.value : fresh.effective);
      setError(undefined);
      notifications.show({ color: 'green', message: t('settings.saved') });
    },
    onError: (err) => {
      const problem = err instanceof ApiError ? err.fieldProblems[0] : undefined;
      setError(problem ? fieldProblemText(t, problem.message, i18n.language) : errorText(t, err, i18n.language));
    },
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

function Settings() {
  const { t } = useTranslation();
  const me = useSession();
  const editable = can(me, 'settings.update');
  const settings = useQuery({
    queryKey: settingsQueryKey,
    queryFn: ({ signal }) => api.get('/settings', { schema: accountSettingsResponse, signal }),
  });
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {!editable ? (
        <Alert mb="md" color="gray">
          {t('settings.readOnly')}
        </Alert>
      ) : null}
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="lg">
          {settingGroups.map((group) => (
            <Paper key={group} withBorder p="md" component="section" aria-labelledby={`group-${group}`}>
              <Title order={2} size="h4" id={`group-${group}`} mb="xs">
                {t(`settings.groups.${group}`)}
              </Title>
              {settings.data.items
                .filter((i) => i.group === group)
                .map((item) => (
                  <SettingRow
                    key={`${item.key}:${JSON.stringify(item.value)}:${item.locked}`}
                    item={item}
                    editable={editable}
                  />
                ))}
            </Paper>
          ))}
        </Stack>
      )}
    </>
  );
}

export default function SettingsPage() {
  return (
    <PageGuard page="settings">
      <Settings />
    </PageGuard>
  );
}
