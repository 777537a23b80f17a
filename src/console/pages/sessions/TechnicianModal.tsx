import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import type { Presence } from '../../../shared/contracts/support-requests.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { TechnicianChoiceModal } from '../support/TechnicianChoiceModal.js';
import { inviteTechnician, sessionKeys, transferSession } from './api.js';

/**
 * Invites a technician to watch, or hands the session over: the candidates are the company's
 * technicians with a seat, as the Support workspace's transfer offers them.
 */
export function TechnicianModal({
  session,
  action,
  onClose,
}: {
  session: Session;
  action: 'invite' | 'transfer' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (technician: Presence) =>
      action === 'invite'
        ? inviteTechnician(session.id, technician.userId)
        : transferSession(session.id, technician.userId),
    onSuccess: (_updated, technician) => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) });
      notifications.show({
        color: 'teal',
        message: t(`sessions.${action ?? 'invite'}.done`, { name: technician.name }),
      });
      onClose();
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  if (!action) return null;
  return (
    <TechnicianChoiceModal
      opened
      onClose={onClose}
      companyId={session.companyId}
      exclude={[me.user.id, session.technician.id, ...session.watchers.map((w) => w.id)]}
      title={t(`sessions.${action}.title`)}
      label={t('sessions.fields.technician')}
      noneText={t('sessions.invite.none')}
      submitText={t(`sessions.${action}.submit`)}
      problem={problem}
      pending={send.isPending}
      onSubmit={(technician) => send.mutate(technician)}
    />
  );
}
