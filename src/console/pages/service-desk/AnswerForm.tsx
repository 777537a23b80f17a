import { Button, Group, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportRequestDetail } from '../../../shared/contracts/support-requests.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { refreshRequests, requestKeys } from '../support/api.js';
import { answerQuestion } from './api.js';

/** The answer to an offline question, e-mailed to the customer. */
export function AnswerForm({ request }: { request: SupportRequestDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [problem, setProblem] = useState<string | null>(null);
  const answer = useMutation({
    // the same client id until it succeeds: a retry after a lost answer never e-mails twice
    mutationFn: () => answerQuestion(request.id, clientId, body.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(requestKeys.detail(request.id), updated);
      void queryClient.invalidateQueries({ queryKey: requestKeys.messages(request.id) });
      refreshRequests(queryClient, request.id);
      setBody('');
      setClientId(crypto.randomUUID());
      setProblem(null);
      notifications.show({
        color: 'teal',
        message: t(request.customer.emailConfirmed ? 'serviceDesk.answer.done' : 'serviceDesk.answer.doneUnconfirmed', {
          email: request.customer.email,
        }),
      });
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) answer.mutate();
      }}
    >
      <Stack gap="xs">
        <FormAlert messages={problem ? [problem] : []} />
        <Textarea
          label={t('serviceDesk.answer.label')}
          description={t(
            request.customer.emailConfirmed ? 'serviceDesk.answer.help' : 'serviceDesk.answer.helpUnconfirmed',
          )}
          autosize
          minRows={4}
          maxLength={limits.chatMessage}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          required
        />
        <Group justify="flex-end">
          <Button type="submit" loading={answer.isPending} disabled={body.trim() === ''}>
            {t('serviceDesk.answer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
