import { Button, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { SsoProviderChoice } from '../../../shared/contracts/sso.js';
import { useAccountProviders, useProvidersForEmail, startUrl } from './sso-api.js';

/**
 * "Sign in with …", below the passkey's button and its "or", for the providers of the e-mail typed (its domain), or of the account whose own
 * sign-in address was opened (`/login?account=<id>`).
 */
export function SsoButtons({ email }: { email: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [typed] = useDebouncedValue(email, 300);
  const byEmail = useProvidersForEmail(typed);
  const byAccount = useAccountProviders(params.get('account'));
  const seen = new Map<string, SsoProviderChoice>();
  for (const p of [...(byAccount.data?.providers ?? []), ...(byEmail.data?.providers ?? [])]) seen.set(p.id, p);
  if (seen.size === 0) return null;
  return (
    <Stack gap="sm" mt="sm" data-testid="sso-buttons">
      {[...seen.values()].map((p) => (
        <Button
          key={p.id}
          component="a"
          href={startUrl(p.id)}
          variant="default"
          fullWidth
          leftSection={<IconKey size={18} aria-hidden />}
        >
          {t('sso.login.signInWith', { name: p.name })}
        </Button>
      ))}
    </Stack>
  );
}
