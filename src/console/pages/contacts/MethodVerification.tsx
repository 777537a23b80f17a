import { Badge, Button, Group, PinInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactMethod } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { contactMethods } from './api.js';
import { useMethodMutation } from './useMethodMutation.js';

/** Whether a method is verified; if not, sending (again) its verification, and for a number, checking its code. */
export function MethodVerification({
  contactId,
  method: m,
  editable,
}: {
  contactId: string;
  method: ContactMethod;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const methods = contactMethods(contactId);
  const send = useMethodMutation(methods.sendVerification, (sent) =>
    notifications.show({ color: 'teal', message: t('contacts.verificationSent', { to: sent.sentTo }) }),
  );
  const check = useMethodMutation(
    (id: string) => methods.verify(id, code),
    (result) => notifications.show({ color: 'teal', message: t('contacts.verifiedNow', { value: result.value }) }),
  );
  if (m.verified)
    return (
      <Badge color="teal" variant="light">
        {t('contacts.methods.verified')}
      </Badge>
    );
  return (
    <Stack gap={6}>
      <Badge color={m.verificationPending ? 'yellow' : 'gray'} variant="light">
        {m.verificationPending ? t('contacts.methods.pending') : t('contacts.methods.unverified')}
      </Badge>
      {editable ? (
        <Button size="compact-xs" variant="default" onClick={() => send.mutate(m.id)} loading={send.isPending}>
          {m.verificationPending ? t('contacts.methods.resend') : t('contacts.methods.sendVerification')}
        </Button>
      ) : null}
      {editable && m.verificationPending && m.type !== 'email' ? (
        <Group gap={6} wrap="nowrap">
          <PinInput
            size="xs"
            length={limits.verificationCode}
            type="number"
            oneTimeCode
            aria-label={t('contacts.methods.enterCode')}
            value={code}
            onChange={setCode}
          />
          <Button size="compact-xs" onClick={() => check.mutate(m.id)} loading={check.isPending}>
            {t('contacts.methods.checkCode')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
