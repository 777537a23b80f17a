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
    <Badge variant="light" color={colors[status]} data-testid="session-status">
      {t(`sessions.status.${status}`)}
    </Badge>
  );
}
