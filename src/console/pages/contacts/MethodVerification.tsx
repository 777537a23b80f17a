import { Badge, Button, Group, Input, PinInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactMethod } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { refusalOf } from '../../../shared/refusals.js';
import { ApiError } from '../../api/client.js';
import { errorText, fieldProblemText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';
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
  const [codeError, setCodeError] = useState<string | null>(null);
  const errorId = useId();
  const methods = contactMethods(contactId);
  const send = useMethodMutation(methods.sendVerification, (sent) => {
    setCodeError(null);
    notifications.show({ color: 'teal', message: t('contacts.verificationSent', { to: sent.sentTo }) });
  });
  const check = useMethodMutation(
    (id: string) => methods.verify(id, code),
    (result) => notifications.show({ color: 'teal', message: t('contacts.verifiedNow', { value: result.value }) }),
    (error) => setCodeError(codeRefusalText(t, error)),
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
            ariaLabel={t('contacts.methods.enterCode')}
            value={code}
            onChange={(value) => {
              setCode(value);
              setCodeError(null);
            }}
            error={codeError !== null}
            // Mantine's own aria attributes (no wrapper here) would drop aria-describedby: the wrong code's message is
            // named on each box, which is marked invalid itself
            getInputProps={() => ({
              withAria: false,
              'aria-invalid': codeError !== null || undefined,
              'aria-describedby': codeError ? errorId : undefined,
            })}
          />
          <Button
            size="compact-xs"
            onClick={() => {
              setCodeError(null);
              check.mutate(m.id);
            }}
            loading={check.isPending}
          >
            {t('contacts.methods.checkCode')}
          </Button>
        </Group>
      ) : null}
      {codeError ? (
        <Input.Error id={errorId} data-testid="code-error">
          {codeError}
        </Input.Error>
      ) : null}
    </Stack>
  );
}

/** Why a code was refused: the server's problem with the code (tries left), or why no code can be checked now. */
function codeRefusalText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const problem = error.fieldProblems.find((p) => p.path === 'code') ?? error.fieldProblems[0];
    if (problem) return fieldProblemText(t, problem, currentLanguage());
    const reason = refusalOf(error.details)?.reason;
    if (reason === 'verification_exhausted') return t('contacts.methods.codeExhausted');
    if (reason === 'verification_expired') return t('contacts.methods.codeExpired');
  }
  return errorText(t, error);
}
