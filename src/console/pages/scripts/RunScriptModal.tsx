import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { runScript, useScripts } from './api.js';

/** Runs a saved script on the chosen devices, then opens the run's page. */
export function RunScriptModal({
  opened,
  deviceIds,
  onClose,
}: {
  opened: boolean;
  deviceIds: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale, number } = useFormat();
  const navigate = useNavigate();
  const scripts = useScripts(opened);
  const [scriptId, setScriptId] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (id: string) => runScript(id, deviceIds),
    onSuccess: (made) => {
      onClose();
      void navigate(`/scripts/runs/${made.id}`);
    },
  });
  const items = scripts.data?.items ?? [];
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('scripts.run.title', { count: deviceIds.length, shown: number(deviceIds.length) })}
      centered
    >
      <Stack gap="md">
        {run.isError ? (
          <Alert color="red" variant="light">
            {errorText(t, run.error, locale)}
          </Alert>
        ) : null}
        {scripts.isSuccess && items.length === 0 ? (
          <Text size="sm">{t('scripts.run.noScripts')}</Text>
        ) : (
          <Select
            label={t('scripts.run.script')}
            searchable
            data={items.map((s) => ({ value: s.id, label: `${s.name} · ${t(`scripts.shells.${s.shell}`)}` }))}
            value={scriptId}
            onChange={setScriptId}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!scriptId} loading={run.isPending} onClick={() => scriptId && run.mutate(scriptId)}>
            {t('scripts.run.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
