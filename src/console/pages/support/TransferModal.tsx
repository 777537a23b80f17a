import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { refreshRequests, requestKeys, transferRequest } from './api.js';
import { TechnicianChoiceModal } from './TechnicianChoiceModal.js';

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
  const [problem, setProblem] = useState<string | null>(null);
  const transfer = useMutation({
    mutationFn: (userId: string) => transferRequest(request.id, userId),
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
    <TechnicianChoiceModal
      opened={opened}
      onClose={onClose}
      companyId={request.companyId}
      exclude={[me.user.id]}
      title={t('requests.transfer.title', { number: request.number })}
      label={t('requests.transfer.to')}
      noneText={t('requests.transfer.none')}
      submitText={t('requests.transfer.submit')}
      problem={problem}
      pending={transfer.isPending}
      onSubmit={(technician) => transfer.mutate(technician.userId)}
    />
  );
}
