import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useSettingHistory } from './api.js';
import { labelOf } from './setting-text.js';

interface HistoryOf {
  settingKey: string;
  companyId?: string;
}

/**
 * The changes of one setting, read from the audit log. The dialog, and its query, exist from the first
 * click on: every setting of the page has the button, and each holding a closed dialog slowed its first render.
 */
export function SettingHistoryButton(props: HistoryOf) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconHistory size={14} aria-hidden />}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        {t('settings.history')}
      </Button>
      {used ? <HistoryModal {...props} open={open} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function HistoryModal({ settingKey, companyId, open, onClose }: HistoryOf & { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useSettingHistory(settingKey, companyId, open);
  return (
    <Modal
      opened={open}
      onClose={onClose}
      title={t('settings.historyTitle', { label: labelOf(t, settingKey) })}
      size="lg"
    >
      {events.isPending ? (
        <PageLoader />
      ) : events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <Text c="dimmed">{t('settings.historyEmpty')}</Text>
      ) : (
        <Stack gap="sm">
          {events.data.items.map((e) => (
            <Stack key={e.id} gap={4}>
              <Text size="sm" fw={600}>
                {t('settings.historyBy', {
                  who: e.actorName ?? t('settings.system'),
                  when: format.dateTime(e.occurredAt),
                })}
              </Text>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Code block style={{ flex: 1 }}>
                  {JSON.stringify(e.before)}
                </Code>
                <Text aria-hidden>→</Text>
                <Code block style={{ flex: 1 }}>
                  {JSON.stringify(e.after)}
                </Code>
              </Group>
            </Stack>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
