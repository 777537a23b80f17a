import { Alert, Group, MultiSelect, Radio } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useCompanyChoices } from './api.js';
import type { InviteValues } from './invite-values.js';

/** The form's surface these fields use (Mantine's return type, whatever its validation rules). */
type InviteForm = Pick<ReturnType<typeof useForm<InviteValues>>, 'getValues' | 'setFieldValue' | 'getInputProps'>;

/** All companies or chosen ones (administrators always have all). */
export function InviteAccessFields({ form }: { form: InviteForm }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const values = form.getValues();
  const admin = values.role === 'administrator';
  return (
    <>
      <Radio.Group
        label={t('users.access.label', labelOptions(words))}
        value={admin ? 'all' : values.access}
        onChange={(value) => form.setFieldValue('access', value as InviteValues['access'])}
      >
        <Group gap="lg" mt="xs">
          <Radio value="all" label={t('companySwitcher.all', labelOptions(words))} disabled={admin} />
          <Radio value="chosen" label={t('users.access.chosen', labelOptions(words))} disabled={admin} />
        </Group>
      </Radio.Group>
      {admin ? (
        <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('users.access.administratorsAll', labelOptions(words))}
        </Alert>
      ) : values.access === 'chosen' ? (
        <MultiSelect
          label={words.plural}
          data={companies.options}
          searchable
          required
          nothingFoundMessage={t('common.nothingFound')}
          maxDropdownHeight={240}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('companyIds')}
        />
      ) : null}
    </>
  );
}
