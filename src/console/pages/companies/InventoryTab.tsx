import { Alert, Anchor, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { ClearInventory } from './ClearInventory.js';
import { MoveDevices } from './MoveDevices.js';

export function InventoryTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const admin = company.abilities.moveDevices || company.abilities.clearInventory;
  return (
    <Section
      title={t('companies.inventory.title')}
      description={admin ? t('companies.inventory.description') : undefined}
    >
      <Group gap="md" align="baseline">
        <Text fw={600} size="lg" data-testid="device-count">
          {t('companies.inventory.count', { count: format.number(company.devicesCount) })}
        </Text>
        {company.devicesCount > 0 ? (
          <Anchor component={Link} to={`/devices?companyId=${company.id}`} size="sm">
            {t('companies.inventory.list')}
          </Anchor>
        ) : null}
      </Group>
      {!admin ? (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          {t('companies.inventory.adminOnly')}
        </Alert>
      ) : null}
      {company.abilities.moveDevices ? (
        <Stack gap="sm">
          <Title order={3} fz="md">
            {t('companies.inventory.moveTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {company.devicesCount === 0
              ? t('companies.inventory.nothingToMove')
              : t('companies.inventory.moveDescription')}
          </Text>
          <MoveDevices company={company} buttonLabel={t('companies.inventory.move')} />
        </Stack>
      ) : null}
      {company.abilities.clearInventory ? (
        <>
          <Divider />
          <ClearInventory company={company} />
        </>
      ) : null}
    </Section>
  );
}
