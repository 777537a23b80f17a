import { Alert, Group, List, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MovePreview as Preview } from '../../../shared/contracts/devices.js';
import { useFormat } from '../../lib/format.js';

function People({
  title,
  icon,
  people,
  count,
  testId,
}: {
  title: string;
  icon: React.ReactNode;
  people: Preview['gain'];
  count: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div data-testid={testId}>
      <Group gap={6} mb={4}>
        {icon}
        <Text fw={600} size="sm">
          {title} ({format.number(count)})
        </Text>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('devices.move.nobody')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {people.map((p) => (
            <List.Item key={p.id}>
              {p.name}{' '}
              <Text span c="dimmed" size="xs">
                {p.email}
              </Text>
            </List.Item>
          ))}
          {count > people.length ? (
            <List.Item>{t('devices.move.more', { count: format.number(count - people.length) })}</List.Item>
          ) : null}
        </List>
      )}
    </div>
  );
}

/** What a move would do: how many devices from where, and who loses and gains sight of them. */
export function MovePreview({ preview: shown }: { preview: Preview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" data-testid="move-preview">
      <Text size="sm">
        {shown.devices === 0
          ? t('devices.move.nothing', { company: shown.target.name })
          : t('devices.move.summary', {
              count: format.number(shown.devices),
              from: shown.sources.map((s) => `${s.name} (${format.number(s.devices)})`).join(', '),
              company: shown.target.name,
            })}
      </Text>
      <People
        title={t('devices.move.lose')}
        icon={<IconEyeOff size={16} aria-hidden />}
        people={shown.lose}
        count={shown.loseCount}
        testId="move-lose"
      />
      <People
        title={t('devices.move.gain')}
        icon={<IconEye size={16} aria-hidden />}
        people={shown.gain}
        count={shown.gainCount}
        testId="move-gain"
      />
      <Alert variant="light" color="gray">
        {t('devices.move.adminsNote')}
      </Alert>
    </Stack>
  );
}
