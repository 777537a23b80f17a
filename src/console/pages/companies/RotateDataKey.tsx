import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, refreshCompanies, rotateDataKey } from './api.js';

/** "Rotate the key", confirmed in a dialog; `onRotated` once the new key is in the company's cache. */
export function RotateDataKey({ company, onRotated }: { company: CompanyDetail; onRotated: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => rotateDataKey(company.id),
    onSuccess: (key) => {
      queryClient.setQueryData<CompanyDetail>(companyKeys.detail(company.id), (c) => (c ? { ...c, ...key } : c));
      refreshCompanies(queryClient);
      setConfirming(false);
      onRotated();
      notifications.show({ color: 'teal', message: t('companies.dataKey.rotated') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) }),
  });
  return (
    <>
      <Group>
        <Button
          color="orange"
          variant="light"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          {t('companies.dataKey.rotate')}
        </Button>
      </Group>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('companies.dataKey.confirmTitle')}
        centered
      >
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
            {t('companies.dataKey.confirmMessage')}
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              loading={rotate.isPending}
              onClick={() => rotate.mutate()}
              leftSection={<IconRefresh size={16} aria-hidden />}
            >
              {t('companies.dataKey.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
