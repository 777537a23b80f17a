import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portal } from '../../../shared/contracts/portals.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { updateCompanySetting } from '../settings/api.js';
import { portalKeys } from './api.js';

type Source = Portal['settings']['waitTimeoutSeconds']['source'];

/** One inherited setting: its effective value, where it comes from, and (for administrators) override or reset. */
export function PortalSettingRow({
  companyId,
  settingKey,
  label,
  source,
  shown,
  editable,
  editor,
  value,
}: {
  companyId: string;
  settingKey: string;
  label: string;
  source: Source;
  shown: ReactNode;
  editable: boolean;
  editor: (value: unknown, set: (v: unknown) => void, error?: string) => ReactNode;
  value: unknown;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<unknown>(value);
  const [problem, setProblem] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (next: unknown) => updateCompanySetting(companyId, settingKey, next),
    onSuccess: () => {
      setEditing(false);
      setProblem(undefined);
      void queryClient.invalidateQueries({ queryKey: portalKeys.portal(companyId) });
      notifications.show({ color: 'teal', message: t('portals.waiting.saved') });
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  const locked = source === 'locked';
  return (
    <Paper withBorder radius="md" p="sm" data-setting={settingKey}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {editing ? null : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="effective">
              {shown}
            </Text>
          )}
          {locked ? (
            <Text size="xs" c="dimmed">
              {t('portals.waiting.lockedHelp')}
            </Text>
          ) : null}
        </div>
        <Badge variant="light" color={source === 'company' ? 'indigo' : locked ? 'orange' : 'gray'}>
          {t(`portals.waiting.source.${source}`)}
        </Badge>
      </Group>
      {editing ? (
        <Stack gap="xs" mt="xs">
          {editor(draft, setDraft, problem)}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" onClick={() => save.mutate(draft)} loading={save.isPending}>
              {t('portals.waiting.save')}
            </Button>
          </Group>
        </Stack>
      ) : editable && !locked ? (
        <Group gap="xs" mt="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setDraft(value);
              setEditing(true);
            }}
          >
            {t('portals.waiting.override')}
          </Button>
          {source === 'company' ? (
            <Button
              variant="subtle"
              size="compact-sm"
              color="gray"
              onClick={() => save.mutate(null)}
              loading={save.isPending}
            >
              {t('portals.waiting.reset')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}
