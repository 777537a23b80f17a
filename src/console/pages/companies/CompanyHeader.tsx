import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { makeFormatters, useFormat } from '../../lib/format.js';
import { CompanyAvatar } from './CompanyAvatar.js';

/** The way back to the list, the company's name, counts and creation date, and its "Delete" button. */
export function CompanyHeader({ company: c, onDelete }: { company: CompanyDetail; onDelete: () => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const format = useFormat();
  return (
    <>
      <Anchor
        component={Link}
        to="/companies"
        size="sm"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden />
        {t('companies.detail.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="wrap">
        <Group gap="md" wrap="nowrap" miw={0}>
          <CompanyAvatar company={c} size={56} labelled />
          <Stack gap={4} miw={0}>
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">
              {words.singular}
            </Text>
            <Title order={1} fz={{ base: 24, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color="gray">
                {t('companies.detail.users', { count: format.number(c.usersCount) })}
              </Badge>
              <Badge variant="light" color="gray">
                {t('companies.detail.devices', { count: format.number(c.devicesCount) })}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('companies.detail.createdOn', { date: makeFormatters(format.locale, c.timeZone).date(c.createdAt) })}
              </Text>
            </Group>
          </Stack>
        </Group>
        {c.abilities.delete ? (
          <Button color="red" variant="light" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
            {t('companies.delete.button')}
          </Button>
        ) : null}
      </Group>
    </>
  );
}
