import { Alert, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { can, useSession } from '../../session/api.js';
import { useCompanySettings } from './api.js';
import { CompanySettingRow } from './CompanySettingRow.js';

/** A company's Settings tab: each overridable setting, its effective value and where it comes from. */
export function CompanySettingsTab({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const editable = can(me, 'settings.update');
  const settings = useCompanySettings(companyId);
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Paper withBorder p="md">
      <Text c="dimmed" mb="sm">
        {t('settings.company.description')}
      </Text>
      {!editable ? (
        <Alert mb="sm" color="gray">
          {t('settings.readOnly')}
        </Alert>
      ) : null}
      {settings.data.items.map((item) => (
        <CompanySettingRow
          key={`${item.key}:${item.source}:${JSON.stringify(item.override)}`}
          companyId={companyId}
          item={item}
          editable={editable}
        />
      ))}
    </Paper>
  );
}
