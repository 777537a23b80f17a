import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountChoice } from '../../../shared/contracts/auth.js';

/** The e-mail and password opened several accounts: the person picks one (names shown only now). */
export function AccountChoiceStep({
  accounts,
  pending,
  onChoose,
  onBack,
}: {
  accounts: AccountChoice['accounts'];
  pending: string | null;
  onChoose: (id: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Text size="sm">{t('login.accountChoice.explanation')}</Text>
      <Stack gap="xs" role="group" aria-label={t('login.accountChoice.label')}>
        {accounts.map((account) => (
          <Button
            key={account.id}
            variant="default"
            fullWidth
            justify="space-between"
            loading={pending === account.id}
            disabled={pending !== null && pending !== account.id}
            onClick={() => onChoose(account.id)}
          >
            {account.name}
          </Button>
        ))}
      </Stack>
      <Anchor component="button" type="button" size="sm" onClick={onBack} ta="center" c="dimmed">
        {t('login.accountChoice.back')}
      </Anchor>
    </Stack>
  );
}
