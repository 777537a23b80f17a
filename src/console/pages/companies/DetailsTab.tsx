import {
  Button,
  ColorSwatch,
  FileButton,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPhotoOff, IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { companyDetailSchema, logoContentTypes, type CompanyDetail } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { api, ApiError } from '../../api/client.js';
import { errorText, validators } from '../../api/errors.js';
import { useSession } from '../../api/queries.js';
import { FormAlert } from '../../components/Feedback.js';
import { Section } from '../account/Section.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, refreshCompanies, uploadLogo } from './api.js';
import { ColorField } from './ColorField.js';
import { isColor } from './colors.js';
import { showCompanyFormError } from './form-errors.js';

/** "512 KB" / « 512 Ko », localised by Intl. */
export function byteSize(bytes: number, locale: string): string {
  const kb = bytes / 1024;
  if (kb < 1024)
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: kb < 10 ? 1 : 0,
    }).format(kb);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(kb / 1024);
}

function DetailsForm({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const editable = company.abilities.update;
  const initial = { name: company.name, color: company.color ?? '' };
  const form = useForm({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      name: v.required,
      color: (value: string) => (value === '' || isColor(value) ? null : t('companies.fields.colorInvalid')),
    },
  });
  // follow changes made elsewhere (another tab, a rename by someone else)
  useEffect(() => {
    if (!form.isDirty()) {
      form.setValues(initial);
      form.resetDirty(initial);
    }
  }, [company.name, company.color]);

  const save = useMutation({
    mutationFn: (patch: { name?: string; color?: string | null }) =>
      api.patch(`/companies/${company.id}`, patch, { schema: companyDetailSchema }),
    onSuccess: (updated) => {
      queryClient.setQueryData(companyKeys.detail(company.id), updated);
      refreshCompanies(queryClient);
      const values = { name: updated.name, color: updated.color ?? '' };
      form.setValues(values);
      form.resetDirty(values);
      notifications.show({ color: 'teal', message: t('companies.details.saved') });
    },
    onError: (error) => showCompanyFormError(form, error, t, locale, setProblems),
  });

  const submit = form.onSubmit((values) => {
    setProblems([]);
    const patch: { name?: string; color?: string | null } = {};
    if (values.name.trim() !== company.name) patch.name = values.name.trim();
    const color = values.color ? values.color.toLowerCase() : null;
    if (color !== company.color) patch.color = color;
    if (Object.keys(patch).length === 0) {
      notifications.show({ color: 'gray', message: t('companies.details.nothingChanged') });
      return;
    }
    save.mutate(patch);
  });

  return (
    <Section
      title={t('companies.details.title')}
      description={editable ? t('companies.details.description') : undefined}
    >
      <form noValidate onSubmit={submit}>
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

function LogoBlock({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const editable = company.abilities.update;

  const explain = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'unsupported_media_type') return t('companies.logo.wrongType');
    if (error instanceof ApiError && error.code === 'payload_too_large')
      return t('companies.logo.tooLargeServer', { max: byteSize(limits.companyLogoBytes, locale) });
    return errorText(t, error, locale);
  };

  const upload = useMutation({
    mutationFn: (file: File) => uploadLogo(company.id, file, me.csrfToken),
    onSuccess: () => {
      setProblem(null);
      refreshCompanies(queryClient);
      notifications.show({ color: 'teal', message: t('companies.logo.uploaded') });
    },
    onError: (error) => setProblem(explain(error)),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/companies/${company.id}/logo`),
    onSuccess: () => {
      setProblem(null);
      refreshCompanies(queryClient);
      notifications.show({ color: 'teal', message: t('companies.logo.removed') });
    },
    onError: (error) => setProblem(errorText(t, error, locale)),
  });

  const choose = (file: File | null) => {
    if (!file) return;
    // the server checks the bytes themselves; this only spares a useless upload
    if (!(logoContentTypes as readonly string[]).includes(file.type)) {
      setProblem(t('companies.logo.wrongType'));
      return;
    }
    if (file.size > limits.companyLogoBytes) {
      setProblem(
        t('companies.logo.tooLarge', {
          size: byteSize(file.size, locale),
          max: byteSize(limits.companyLogoBytes, locale),
        }),
      );
      return;
    }
    upload.mutate(file);
  };

  return (
    <Section title={t('companies.logo.title')} description={t('companies.logo.description')}>
      <Group gap="lg" align="center" wrap="wrap">
        <Paper
          withBorder
          radius="md"
          w={160}
          h={100}
          p="xs"
          display="flex"
          style={{ alignItems: 'center', justifyContent: 'center' }}
        >
          {company.logo ? (
            <Image
              src={company.logo.url}
              alt={t('companies.logo.alt', { name: company.name })}
              fit="contain"
              mah={80}
              maw={140}
              data-testid="company-logo"
            />
          ) : (
            <Stack gap={4} align="center" c="dimmed">
              <IconPhotoOff size={24} aria-hidden />
              <Text size="xs">{t('companies.logo.none')}</Text>
            </Stack>
          )}
        </Paper>
        {editable ? (
          <Group gap="sm">
            <FileButton onChange={choose} accept={logoContentTypes.join(',')}>
              {(props) => (
                <Button
                  {...props}
                  leftSection={<IconUpload size={16} aria-hidden />}
                  loading={upload.isPending}
                  variant="default"
                >
                  {company.logo ? t('companies.logo.replace') : t('companies.logo.upload')}
                </Button>
              )}
            </FileButton>
            {company.logo ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                loading={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('companies.logo.remove')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <FormAlert messages={problem ? [problem] : []} title={problem ? t('companies.logo.uploadFailed') : undefined} />
    </Section>
  );
}

export function DetailsTab({ company }: { company: CompanyDetail }) {
  return (
    <Stack gap="lg">
      <DetailsForm company={company} />
      <LogoBlock company={company} />
    </Stack>
  );
}
