import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { refreshRequests, requestKeys, transferRequest, useTransferCandidates } from './api.js';

/** Hands a chat to another technician who can take this company's chats. */
export function TransferModal({
  request,
  opened,
  onClose,
}: {
  request: SupportRequestDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useTransferCandidates(request.companyId, opened);
  const others = (candidates.data?.items ?? []).filter((p) => p.userId !== me.user.id && p.hasSeat);
  const transfer = useMutation({
    mutationFn: () => transferRequest(request.id, userId),
    onSuccess: (updated) => {
      queryClient.setQueryData(requestKeys.detail(request.id), updated);
      refreshRequests(queryClient, request.id);
      notifications.show({
        color: 'teal',
        message: t('requests.transfer.done', { number: request.number, name: updated.assignee?.name ?? '' }),
      });
      onClose();
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('requests.transfer.title', { number: request.number })}>
      <Stack>
        <FormAlert messages={problem ? [problem] : []} />
        {candidates.isSuccess && others.length === 0 ? (
          <Text size="sm">{t('requests.transfer.none')}</Text>
        ) : (
          <Select
            label={t('requests.transfer.to')}
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
          <Button onClick={() => transfer.mutate()} disabled={!userId} loading={transfer.isPending}>
            {t('requests.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
