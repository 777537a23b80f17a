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
import type { MovePreview as MovePreviewResult } from '../../../shared/contracts/devices.js';
import { MovePreview } from './MovePreview.js';

/** What a move carries: the devices chosen on the list, or every device of a company (its page's Move all). */
export interface MoveSubject {
  title: string;
  /** a company not offered as the destination (the one whose devices all move) */
  excludeCompanyId?: string;
  preview: (targetCompanyId: string) => Promise<MovePreviewResult>;
  move: (targetCompanyId: string) => Promise<{ moved: number }>;
}

/** The devices chosen on the list, as a move's subject. */
export function chosenDevices(title: string, deviceIds: string[]): MoveSubject {
  return {
    title,
    preview: (targetCompanyId) => previewMove(deviceIds, targetCompanyId),
    move: (targetCompanyId) => moveDevices(deviceIds, targetCompanyId),
  };
}

/** Moves devices: pick a company, read who gains and loses sight of them, then confirm. */
export function MoveDevicesModal({
  opened,
  onClose,
  subject,
  onMoved,
}: {
  opened: boolean;
  onClose: () => void;
  subject: MoveSubject;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: subject.preview,
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  const move = useMutation({
    mutationFn: subject.move,
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
    <Modal opened={opened} onClose={close} title={subject.title} size="lg" centered>
      <Stack gap="md">
        <CompanyTargetSelect
          label={t('devices.move.target', labelOptions(words))}
          excludeId={subject.excludeCompanyId ?? ''}
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
