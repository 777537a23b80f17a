import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { CompanyTargetSelect } from '../companies/CompanyTargetSelect.js';
import { moveDevices, previewMove, refreshDevices } from './api.js';
import { MovePreview } from './MovePreview.js';

/** Moves the chosen devices: pick a company, read who gains and loses sight of them, then confirm. */
export function MoveDevicesModal({
  opened,
  onClose,
  deviceIds,
  onMoved,
}: {
  opened: boolean;
  onClose: () => void;
  deviceIds: string[];
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (targetCompanyId: string) => previewMove(deviceIds, targetCompanyId),
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  const move = useMutation({
    mutationFn: (targetCompanyId: string) => moveDevices(deviceIds, targetCompanyId),
    onSuccess: (result) => {
      refreshDevices(queryClient);
      notifications.show({ color: 'teal', message: t('devices.move.done', { count: format.number(result.moved) }) });
      close();
      onMoved();
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  function close() {
    setTarget(null);
    setProblem(null);
    preview.reset();
    onClose();
  }
  const shown = preview.data && preview.variables === target ? preview.data : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('devices.move.title', { count: format.number(deviceIds.length) })}
      size="lg"
      centered
    >
      <Stack gap="md">
        <CompanyTargetSelect
          label={t('devices.move.target', labelOptions(words))}
          excludeId=""
          value={target}
          onChange={(id) => {
            setTarget(id);
            setProblem(null);
            if (id) preview.mutate(id);
          }}
          error={problem}
        />
        {shown ? <MovePreview preview={shown} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
            disabled={!shown || shown.devices === 0}
            loading={move.isPending || preview.isPending}
            onClick={() => target && move.mutate(target)}
          >
            {t('devices.move.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
