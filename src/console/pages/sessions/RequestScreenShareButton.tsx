import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconScreenShare } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { createSession } from './api.js';

/** In a live chat the technician holds: turns it into a screen-sharing session and opens it. */
export function RequestScreenShareButton({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: () => createSession({ companyId: request.companyId, requestId: request.id }),
    onSuccess: (session) => void navigate(`/sessions/${session.id}/live`),
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  if (request.status !== 'active' || !request.abilities.chat || !can(me, 'sessions.run')) return null;
  return (
    <Button
      variant="light"
      leftSection={<IconScreenShare size={16} aria-hidden />}
      onClick={() => start.mutate()}
      loading={start.isPending}
    >
      {t('sessions.requestSharing')}
    </Button>
  );
}
