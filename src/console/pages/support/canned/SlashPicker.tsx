import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../../../shared/contracts/canned-replies.js';

export const pickerId = 'canned-picker';
export const optionId = (index: number) => `${pickerId}-option-${index}`;

/** The replies matching the "/shortcut" being typed, above the message box; the highlighted one goes in on Enter. */
export function SlashPicker({
  matches,
  index,
  typed,
  onPick,
}: {
  matches: CannedReply[];
  index: number;
  typed: string;
  onPick: (reply: CannedReply) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder shadow="sm" radius="md" p={4} mah={220} style={{ overflowY: 'auto' }} data-testid="canned-picker">
      {matches.length === 0 ? (
        <Text size="sm" p="xs">
          {t('requests.canned.noMatch', { shortcut: typed })}
        </Text>
      ) : (
        <div role="listbox" id={pickerId} aria-label={t('requests.canned.pickerLabel')}>
          {matches.map((reply, i) => (
            <UnstyledButton
              key={reply.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(reply)}
              p="xs"
              style={{
                display: 'block',
                width: '100%',
                borderRadius: 6,
                background: i === index ? 'var(--mantine-primary-color-light)' : undefined,
              }}
            >
              <Text size="sm" fw={600} span>
                /{reply.shortcut}
              </Text>{' '}
              <Text size="sm" span>
                {reply.title}
              </Text>
              <Text size="xs" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
                {reply.body}
              </Text>
            </UnstyledButton>
          ))}
        </div>
      )}
    </Paper>
  );
}
