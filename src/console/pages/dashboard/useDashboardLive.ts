import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { DomainEventType } from '../../../shared/events.js';
import { useLiveEvent } from '../../live/useLive.js';
import { dashboardKeys } from './api.js';

/** Events that change a count of the dashboard (the socket sends each user only those they may see). */
const counted: readonly DomainEventType[] = [
  'device.enrolled',
  'device.online',
  'device.offline',
  'request.created',
  'request.accepted',
  'request.closed',
  'question.created',
  'licence.seat_limit_reached',
];

/** However many events arrive, the dashboard is fetched again at most this often. */
const liveRefetchMs = 2_000;

/**
 * Refetches the dashboard when a counted event arrives, at most every 2 s (a burst of thousands of
 * devices going offline is one refetch at its start and one 2 s later), and after a reconnection.
 */
export function useDashboardLive(): void {
  const queryClient = useQueryClient();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  useLiveEvent(counted, (event) => {
    if (event.type === 'resync') {
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
      return;
    }
    if (pending.current) return;
    const wait = Math.max(0, last.current + liveRefetchMs - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
    }, wait);
  });
}
