import { ActionIcon, Menu, Text, Tooltip } from '@mantine/core';
import { IconMessageBolt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CannedReply } from '../../../../shared/contracts/canned-replies.js';

/** The button beside the message box: every reply usable in this chat, a click inserts it. */
export function CannedMenu({ replies, onPick }: { replies: CannedReply[]; onPick: (reply: CannedReply) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="top-end" withinPortal shadow="md" width={320}>
      <Menu.Target>
        <Tooltip label={t('requests.canned.insert')}>
          <ActionIcon variant="default" size="lg" aria-label={t('requests.canned.insert')} data-testid="canned-button">
            <IconMessageBolt size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {replies.length === 0 ? <Menu.Label>{t('requests.canned.none')}</Menu.Label> : null}
        {replies.map((reply) => (
          <Menu.Item key={reply.id} onClick={() => onPick(reply)}>
            <Text size="sm" fw={600}>
              {reply.title}
            </Text>
            <Text size="xs" c="var(--mantine-color-text)">
              /{reply.shortcut}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/support/canned-replies">
          {t('requests.canned.manage')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
