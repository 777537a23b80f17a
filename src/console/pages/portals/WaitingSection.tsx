import { Badge, Button, Group, NumberInput, Paper, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portal } from '../../../shared/contracts/portals.js';
import { companySettingsResponse } from '../../../shared/contracts/settings.js';
import { definitionOf } from '../../../shared/settings.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { portalKeys } from './api.js';

type Source = Portal['settings']['waitTimeoutSeconds']['source'];

/** One inherited setting: its effective value, where it comes from, and (for administrators) override or reset. */
function SettingRow({
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
    mutationFn: (next: unknown) =>
      api.patch(
        `/companies/${companyId}/settings`,
        { values: { [settingKey]: next } },
        { schema: companySettingsResponse },
      ),
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

/** The wait timeout, the offline message and attachments: settings with their inherited values and sources. */
export function WaitingSection({ portal, editable }: { portal: Portal; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const s = portal.settings;
  const bounds = definitionOf('portal.waitTimeoutSeconds')?.input;
  const min = bounds?.kind === 'number' ? bounds.min : 15;
  const max = bounds?.kind === 'number' ? bounds.max : 3600;
  return (
    <Section title={t('portals.waiting.title')} description={t('portals.waiting.description')}>
      <Stack gap="sm">
        <SettingRow
          companyId={portal.companyId}
          settingKey="portal.waitTimeoutSeconds"
          label={t('portals.waiting.timeout')}
          source={s.waitTimeoutSeconds.source}
          value={s.waitTimeoutSeconds.value}
          shown={t('portals.waiting.seconds', { value: format.number(s.waitTimeoutSeconds.value) })}
          editable={editable}
          editor={(value, set, error) => (
            <NumberInput
              aria-label={t('portals.waiting.timeout')}
              min={min}
              max={max}
              allowDecimal={false}
              clampBehavior="none"
              value={typeof value === 'number' ? value : ''}
              onChange={(v) => set(typeof v === 'number' ? v : Number(v))}
              error={error}
              w={200}
            />
          )}
        />
        <SettingRow
          companyId={portal.companyId}
          settingKey="portal.offlineMessage"
          label={t('portals.waiting.offlineMessage')}
          source={s.offlineMessage.source}
          value={s.offlineMessage.value ?? ''}
          shown={s.offlineMessage.value ?? t('portals.waiting.offlineMessageDefault')}
          editable={editable}
          editor={(value, set, error) => (
            <Textarea
              aria-label={t('portals.waiting.offlineMessage')}
              autosize
              minRows={3}
              maxLength={1000}
              value={String(value ?? '')}
              onChange={(e) => set(e.currentTarget.value)}
              error={error}
            />
          )}
        />
        <SettingRow
          companyId={portal.companyId}
          settingKey="portal.allowAttachments"
          label={t('portals.waiting.attachments')}
          source={s.allowAttachments.source}
          value={s.allowAttachments.value}
          shown={s.allowAttachments.value ? t('requests.detail.yes') : t('requests.detail.no')}
          editable={editable}
          editor={(value, set) => (
            <Switch
              label={t('portals.waiting.attachments')}
              checked={value === true}
              onChange={(e) => set(e.currentTarget.checked)}
            />
          )}
        />
      </Stack>
    </Section>
  );
}
