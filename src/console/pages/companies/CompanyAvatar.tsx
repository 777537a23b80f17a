import { Avatar } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Company } from '../../../shared/contracts/companies.js';

/** The company's logo, else its initials on its colour. Decorative next to its name unless `labelled`. */
export function CompanyAvatar({
  company,
  size = 36,
  labelled = false,
}: {
  company: Pick<Company, 'name' | 'color' | 'logo'>;
  size?: number;
  labelled?: boolean;
}) {
  const { t } = useTranslation();
  const initials = company.name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase();
  if (company.logo) {
    return (
      <Avatar
        src={company.logo.url}
        alt={labelled ? t('companies.logo.alt', { name: company.name }) : ''}
        aria-hidden={labelled ? undefined : true}
        size={size}
        radius="sm"
        styles={{ image: { objectFit: 'contain' } }}
        bg="var(--mantine-color-body)"
        style={{ border: '1px solid var(--mantine-color-default-border)' }}
      />
    );
  }
  return (
    <Avatar size={size} radius="sm" aria-hidden variant="filled" color={company.color ?? 'gray'} autoContrast>
      {initials}
    </Avatar>
  );
}
