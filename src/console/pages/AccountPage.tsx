import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/api.js';
import { PageHeader } from '../components/PageHeader.js';
import { ApiTokensSection } from './account/ApiTokensSection.js';
import { PasswordSection } from './account/PasswordSection.js';
import { ProfileSection } from './account/ProfileSection.js';
import { TwoFactorSection } from './account/TwoFactor.js';
import { PasskeysSection } from './account/PasskeysSection.js';

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <>
      <PageHeader title={t('nav.account')} description={t('account.description')} />
      <Stack gap="lg">
        {me.mustEnrolTwoFactor ? (
          <Alert color="orange" title={t('account.mustEnrolTitle')}>
            {t('errors.two_factor_enrolment_required')} {t('passkeys.enrolHint')}
          </Alert>
        ) : null}
        {/* first while it is required; one place either way, so enrolment survives the change */}
        {me.authenticatedBy === 'session' ? <TwoFactorSection /> : null}
        {me.authenticatedBy === 'session' ? <PasskeysSection /> : null}
        <ProfileSection key={`${me.user.id}:${me.user.name}:${me.user.language}:${me.user.timeZone}`} me={me} />
        {me.authenticatedBy === 'session' ? <PasswordSection /> : null}
        {me.abilities['apiTokens.manage'] ? <ApiTokensSection /> : null}
      </Stack>
    </>
  );
}
