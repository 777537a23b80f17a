import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useSettingHistory } from './api.js';
import { labelOf } from './setting-text.js';

/** The changes of one setting, read from the audit log. */
export function SettingHistoryButton({ settingKey, companyId }: { settingKey: string; companyId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const events = useSettingHistory(settingKey, companyId, open);
  return (
    <>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconHistory size={14} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('settings.history')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
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
    </>
  );
}
