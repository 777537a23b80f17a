import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SupportRequest } from '../../../shared/contracts/support-requests.js';
import { useLiveMessage } from '../../live/useLive.js';
import { notify, playChime } from './alerts.js';

/** The lists are fetched again at most this often, however many requests change meanwhile. */
const listRefreshMs = 1000;

/** `run` now (`call(true)`), or at most once every `ms` (`call(false)`), the calls in between folded into one. */
function throttled(run: () => void, ms: number) {
  let last = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const call = (now: boolean) => {
    const wait = now ? 0 : last + ms - Date.now();
    if (wait <= 0) {
      if (pending) clearTimeout(pending);
      pending = null;
      last = Date.now();
      run();
    } else if (!pending) {
      pending = setTimeout(() => {
        pending = null;
        call(true);
      }, wait);
    }
  };
  const cancel = () => {
    if (pending) clearTimeout(pending);
  };
  return { call, cancel };
}

/**
 * Keeps the lists current from the live socket (refetched after a reconnection) — at most once a
 * second on a busy desk, at once for a new or taken request — and announces a new live request at
 * once: a chime, and a desktop notification when allowed.
 */
export function useRequestFeed({ sound, basePath }: { sound: boolean; basePath: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [lists] = useState(() =>
    throttled(() => void queryClient.invalidateQueries({ queryKey: ['support-requests', 'list'] }), listRefreshMs),
  );
  useEffect(() => lists.cancel, [lists]);
  // customers writing move unread counts and last message times: once a second at most
  useLiveMessage('support.new_messages', () => lists.call(false));
  useLiveMessage('support.request', (frame) => {
    lists.call(true);
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
