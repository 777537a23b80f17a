import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SupportRequest } from '../../../shared/contracts/support-requests.js';
import { useLiveMessage } from '../../live/useLive.js';
import { notify, playChime } from './alerts.js';

/** The lists are fetched again at most this often, however many requests change meanwhile. */
const listRefreshMs = 1000;

/**
 * Keeps the lists current from the live socket (refetched after a reconnection) — at most once a
 * second on a busy desk, at once for a new or taken request — and announces a new live request at
 * once: a chime, and a desktop notification when allowed.
 */
export function useRequestFeed({ sound, basePath }: { sound: boolean; basePath: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  const refreshLists = (now: boolean) => {
    const wait = now ? 0 : lastRefresh.current + listRefreshMs - Date.now();
    if (wait <= 0) {
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
      lastRefresh.current = Date.now();
      void queryClient.invalidateQueries({ queryKey: ['support-requests', 'list'] });
    } else if (!pending.current) {
      pending.current = setTimeout(() => {
        pending.current = null;
        refreshLists(true);
      }, wait);
    }
  };
  useLiveMessage('support.request', (frame) => {
    refreshLists(frame.change !== 'message');
    const request = frame.request as SupportRequest | undefined;
    if (frame.change === 'created' && request) {
      if (sound) playChime();
      notify(
        t('requests.alerts.newTitle'),
        t('requests.alerts.newBody', {
          number: request.number,
          name: request.customer.name,
          company: request.companyName,
        }),
        () => void navigate(`${basePath}/${request.id}?view=new`),
      );
    }
  });
  useLiveMessage('resync', () => void queryClient.invalidateQueries({ queryKey: ['support-requests'] }));
}
