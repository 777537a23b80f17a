import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { settingGroups } from '../../../shared/settings.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { can, useSession } from '../../session/api.js';
import { PageGuard } from '../StatusPages.js';
import { useAccountSettings } from './api.js';
import { SettingRow } from './SettingRow.js';

function Settings() {
  const { t } = useTranslation();
  const me = useSession();
  const editable = can(me, 'settings.update');
  const settings = useAccountSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {!editable ? (
        <Alert mb="md" color="gray">
          {t('settings.readOnly')}
        </Alert>
      ) : null}
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="lg">
          {settingGroups.map((group) => (
            <Paper key={group} withBorder p="md" component="section" aria-labelledby={`group-${group}`}>
              <Title order={2} size="h4" id={`group-${group}`} mb="xs">
                {t(`settings.groups.${group}`)}
              </Title>
              {settings.data.items
                .filter((i) => i.group === group)
                .map((item) => (
                  <SettingRow
                    key={`${item.key}:${JSON.stringify(item.value)}:${item.locked}`}
                    item={item}
                    editable={editable}
                  />
                ))}
            </Paper>
          ))}
        </Stack>
      )}
    </>
  );
}

export default function SettingsPage() {
  return (
    <PageGuard page="settings">
      <Settings />
    </PageGuard>
  );
}
