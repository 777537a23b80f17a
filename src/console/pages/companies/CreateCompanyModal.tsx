import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { createCompany, refreshCompanies } from './api.js';
import { ColorField } from './ColorField.js';
import { isColor } from './colors.js';

interface CreateValues {
  name: string;
  color: string;
}

/** A new company (a taken name is said on the name field); opens its page once made. */
export function CreateCompanyModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const v = validators(t);
  const {
    form,
    mutation: create,
    problems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: { name: '', color: '' } as CreateValues,
      validate: {
        name: v.required,
        color: (value: string) => (value === '' || isColor(value) ? null : t('companies.fields.colorInvalid')),
      },
    },
    mutationFn: (values: CreateValues) => createCompany({ name: values.name.trim(), color: values.color || null }),
    onSuccess: (company) => {
      refreshCompanies(queryClient);
      notifications.show({ color: 'teal', message: t('companies.create.created', { name: company.name }) });
      onClose();
      void navigate(`/companies/${company.id}`);
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'conflict')) return false;
      form.setFieldError('name', t('companies.fields.nameTaken'));
      return true;
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('companies.list.new', labelOptions(words))} centered>
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('companies.create.name')}
            required
            maxLength={limits.companyName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <ColorField {...form.getInputProps('color')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('companies.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
