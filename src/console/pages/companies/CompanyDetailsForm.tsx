import { Button, ColorSwatch, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { Section } from '../account/Section.js';
import { companyKeys, refreshCompanies, updateCompany } from './api.js';
import { ColorField } from './ColorField.js';
import { isColor } from './colors.js';

interface DetailsValues {
  name: string;
  color: string;
}
type CompanyPatch = { name?: string; color?: string | null };

const valuesOf = (company: Pick<CompanyDetail, 'name' | 'color'>): DetailsValues => ({
  name: company.name,
  color: company.color ?? '',
});

/** A company's name and colour (a taken name is said on the name field). */
export function CompanyDetailsForm({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const v = validators(t);
  const editable = company.abilities.update;
  const {
    form,
    mutation: save,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: valuesOf(company),
      validate: {
        name: v.required,
        color: (value: string) => (value === '' || isColor(value) ? null : t('companies.fields.colorInvalid')),
      },
    },
    mutationFn: (patch: CompanyPatch) => updateCompany(company.id, patch),
    toVariables: (values) => {
      const patch: CompanyPatch = {};
      if (values.name.trim() !== company.name) patch.name = values.name.trim();
      const color = values.color ? values.color.toLowerCase() : null;
      if (color !== company.color) patch.color = color;
      if (Object.keys(patch).length > 0) return patch;
      setProblems([]);
      notifications.show({ color: 'gray', message: t('companies.details.nothingChanged') });
      return null;
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(companyKeys.detail(company.id), updated);
      refreshCompanies(queryClient);
      form.setValues(valuesOf(updated));
      form.resetDirty(valuesOf(updated));
      notifications.show({ color: 'teal', message: t('companies.details.saved') });
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'conflict')) return false;
      form.setFieldError('name', t('companies.fields.nameTaken'));
      return true;
    },
  });
  // follow changes made elsewhere (another tab, a rename by someone else) while nothing is edited here
  const saved = `${company.name}\n${company.color ?? ''}`;
  const [seen, setSeen] = useState(saved);
  if (seen !== saved) {
    setSeen(saved);
    if (!form.isDirty()) {
      form.setValues(valuesOf(company));
      form.resetDirty(valuesOf(company));
    }
  }

  return (
    <Section
      title={t('companies.details.title')}
      description={editable ? t('companies.details.description') : undefined}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('companies.create.name')}
              required={editable}
              readOnly={!editable}
              variant={editable ? 'default' : 'filled'}
              maxLength={limits.companyName}
              {...form.getInputProps('name')}
            />
            {editable ? (
              <ColorField {...form.getInputProps('color')} />
            ) : (
              <TextInput
                label={t('companies.create.color')}
                readOnly
                variant="filled"
                value={company.color ?? t('companies.details.noColor')}
                leftSection={company.color ? <ColorSwatch color={company.color} size={16} aria-hidden /> : undefined}
              />
            )}
          </SimpleGrid>
          {editable ? (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('companies.details.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Section>
  );
}
