import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../shared/contracts/sessions.js';

const colors: Record<SessionStatus, string> = {
  waiting: 'yellow',
  joined: 'blue',
  active: 'teal',
  ended: 'gray',
  expired: 'gray',
};

export function StatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    // never shortened to "END…" by a narrow column: the column keeps the badge's width
    <Badge
      variant="light"
      color={colors[status]}
      data-testid="session-status"
      styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {t(`sessions.status.${status}`)}
    </Badge>
  );
}
