import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SupportRequest } from '../../../shared/contracts/support-requests.js';
import { useLiveMessage } from '../../live/useLive.js';
import { notify, playChime } from './alerts.js';

/**
 * Keeps the lists current from the live socket (refetched after a reconnection), and announces a
 * new live request at once: a chime, and a desktop notification when allowed.
 */
export function useRequestFeed({ sound, basePath }: { sound: boolean; basePath: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useLiveMessage('support.request', (frame) => {
    void queryClient.invalidateQueries({ queryKey: ['support-requests', 'list'] });
    const request = frame.request as SupportRequest | undefined;
    if (frame.change === 'created' && request) {
      if (sound) playChime();
      notify(t('requests.alerts.newTitle'), t('requests.alerts.newBody', { number: request.number, name: request.customer.name, company: request.companyName }), () => void navigate(`${basePath}/${request.id}?view=new`));
    }
  });
  useLiveMessage('resync', () => void queryClient.invalidateQueries({ queryKey: ['support-requests'] }));
}
