import { Button } from '@mantine/core';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { useFormat } from '../../lib/format.js';
import { MoveDevicesModal, type MoveSubject } from '../devices/MoveDevicesModal.js';
import { moveAllDevices, previewMoveAll, refreshCompanies } from './api.js';

/**
 * Moves every device of the company to another one, with the Devices list's dialog: the destination, who gains
 * and who loses sight of the devices, then the confirmation. Also offered when a delete is refused.
 */
export function MoveDevices({ company, buttonLabel }: { company: CompanyDetail; buttonLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const subject: MoveSubject = {
    title: t('companies.inventory.moveDialog', { name: company.name, count: format.number(company.devicesCount) }),
    excludeCompanyId: company.id,
    preview: (targetCompanyId) => previewMoveAll(company.id, targetCompanyId),
    move: (targetCompanyId) => moveAllDevices(company.id, targetCompanyId),
  };
  return (
    <>
      <Button
        leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
        disabled={company.devicesCount === 0}
        onClick={() => setOpened(true)}
        style={{ alignSelf: 'flex-start' }}
      >
        {buttonLabel}
      </Button>
      <MoveDevicesModal
        opened={opened}
        onClose={() => setOpened(false)}
        subject={subject}
        onMoved={() => refreshCompanies(queryClient)}
      />
    </>
  );
}
