import { Alert, Divider, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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
      <Text fw={600} size="lg" data-testid="device-count">
        {t('companies.inventory.count', { count: format.number(company.devicesCount) })}
      </Text>
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
          {company.devicesCount === 0 ? (
            <Text size="sm" c="dimmed">
              {t('companies.inventory.nothingToMove')}
            </Text>
          ) : null}
          <MoveDevices
            company={company}
            label={t('companies.inventory.moveTarget')}
            submitLabel={t('companies.inventory.move')}
          />
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
