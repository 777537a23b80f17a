import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconMailPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { Section } from '../account/Section.js';
import { AccessTable } from './AccessTable.js';
import { GrantAccess } from './GrantAccess.js';

/** Who reaches the company; those who may manage access grant it, invite, or take it away. */
export function AccessTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  if (!company.abilities.viewAccess) {
    return (
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        {t('forbidden.description')}
      </Alert>
    );
  }
  return (
    <Section title={t('companies.access.title')} description={t('companies.access.description')}>
      {company.abilities.manageAccess ? (
        <Stack gap="sm">
          <GrantAccess company={company} />
          <Group>
            <Button
              component={Link}
              to={`/users?invite=1&companyId=${encodeURIComponent(company.id)}`}
              variant="light"
              leftSection={<IconMailPlus size={16} aria-hidden />}
            >
              {t('companies.access.invite')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('companies.access.readOnly')}
        </Text>
      )}
      <AccessTable company={company} />
    </Section>
  );
}
