import { Stack } from '@mantine/core';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { CompanyDetailsForm } from './CompanyDetailsForm.js';
import { LogoSection } from './LogoSection.js';

export function DetailsTab({ company }: { company: CompanyDetail }) {
  return (
    <Stack gap="lg">
      <CompanyDetailsForm company={company} />
      <LogoSection company={company} />
    </Stack>
  );
}
