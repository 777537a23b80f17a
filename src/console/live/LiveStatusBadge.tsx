import { Badge, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveStatus } from './useLive.js';

/** Shown in the top bar while live updates are interrupted (after a short grace, to avoid flicker). */
export function LiveStatusBadge() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  // true once the socket has stayed down past the grace; an open socket hides the badge at once
  const [interrupted, setInterrupted] = useState(false);
  if (status === 'open' && interrupted) setInterrupted(false);
  useEffect(() => {
    if (status === 'open') return;
    const timer = window.setTimeout(() => setInterrupted(true), 4000);
    return () => window.clearTimeout(timer);
  }, [status]);
  if (!interrupted) return null;
  return (
    <Tooltip label={t('live.interruptedHelp')} withinPortal>
      <Badge color="yellow" variant="light" role="status" visibleFrom="xs">
        {t('live.interrupted')}
      </Badge>
    </Tooltip>
  );
}
