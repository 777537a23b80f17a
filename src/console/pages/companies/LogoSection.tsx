import { Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { IconPhotoOff, IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { logoContentTypes, type CompanyDetail } from '../../../shared/contracts/companies.js';
import { FormAlert } from '../../components/Feedback.js';
import { Section } from '../account/Section.js';
import { useCompanyLogo } from './useCompanyLogo.js';

/** A company's logo: shown, and uploaded, replaced or removed by those who may change the company. */
export function LogoSection({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { upload, remove, choose, problem } = useCompanyLogo(company.id);
  const editable = company.abilities.update;

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
