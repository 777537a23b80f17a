import { Button, Group, Paper, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { deviceKeys, refreshDevices, saveAnnotations } from './api.js';
import { Fact, TagList } from './parts.js';

/** A device's tags and notes: a form for those who may annotate, read-only for others. */
export function DeviceAnnotations({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState(device.notes);
  const [tags, setTags] = useState(device.tags);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => saveAnnotations(device.id, { notes, tags }),
    onSuccess: (updated) => {
      queryClient.setQueryData(deviceKeys.detail(device.id), updated);
      refreshDevices(queryClient);
      setProblem(null);
      notifications.show({ color: 'teal', message: t('devices.detail.saved') });
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  if (!device.abilities.annotate) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Stack gap="sm">
          <Fact label={t('devices.columns.tags')}>
            <TagList tags={device.tags} />
          </Fact>
          <Fact label={t('devices.detail.notes')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {device.notes || '—'}
            </Text>
          </Fact>
        </Stack>
      </Paper>
    );
  }
  const changed = notes !== device.notes || JSON.stringify(tags) !== JSON.stringify(device.tags);
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      component="form"
      onSubmit={(e: React.FormEvent) => (e.preventDefault(), save.mutate())}
    >
      <Stack gap="sm">
        <TagsInput
          label={t('devices.columns.tags')}
          value={tags}
          onChange={setTags}
          maxTags={limits.deviceTags}
          splitChars={[',']}
          clearable
        />
        <Textarea
          label={t('devices.detail.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          maxLength={limits.deviceNotes}
          autosize
          minRows={3}
        />
        {problem ? (
          <Text c="red" size="sm" role="alert">
            {problem}
          </Text>
        ) : null}
        <Group>
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            disabled={!changed}
            loading={save.isPending}
          >
            {t('devices.detail.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
