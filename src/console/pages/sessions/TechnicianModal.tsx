import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/sessions.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { useTransferCandidates } from '../support/api.js';
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
  const [userId, setUserId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useTransferCandidates(session.companyId, action !== null);
  const taken = new Set([me.user.id, session.technician.id, ...session.watchers.map((w) => w.id)]);
  const others = (candidates.data?.items ?? []).filter((p) => !taken.has(p.userId) && p.hasSeat);
  const send = useMutation({
    mutationFn: (id: string) =>
      action === 'invite' ? inviteTechnician(session.id, id) : transferSession(session.id, id),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(session.id) });
      const name = others.find((p) => p.userId === userId)?.name ?? updated.technician.name;
      notifications.show({ color: 'teal', message: t(`sessions.${action ?? 'invite'}.done`, { name }) });
      setUserId(null);
      onClose();
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  if (!action) return null;
  return (
    <Modal opened onClose={onClose} title={t(`sessions.${action}.title`)}>
      <Stack>
        <FormAlert messages={problem ? [problem] : []} />
        {candidates.isSuccess && others.length === 0 ? (
          <Text size="sm">{t('sessions.invite.none')}</Text>
        ) : (
          <Select
            label={t('sessions.fields.technician')}
            data={others.map((p) => ({
              value: p.userId,
              label: `${p.name} (${p.available ? t('requests.transfer.available') : t('requests.transfer.unavailable')})`,
            }))}
            value={userId}
            onChange={setUserId}
            searchable
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => userId && send.mutate(userId)} disabled={!userId} loading={send.isPending}>
            {t(`sessions.${action}.submit`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
