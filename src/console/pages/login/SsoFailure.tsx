import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ssoFailures, type SsoFailure as Failure } from '../../../shared/contracts/sso.js';

/** Why a sign-in through a provider ended here without a session (`/login?sso=<reason>`). */
export function SsoFailure() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const reason = params.get('sso');
  const known = ssoFailures.find((f): f is Failure => f === reason);
  if (!known) return null;
  return (
    <Alert color="red" mb="md" role="alert" title={t('sso.login.failedTitle')}>
      {t(`sso.login.failures.${known}`)}
    </Alert>
  );
}
