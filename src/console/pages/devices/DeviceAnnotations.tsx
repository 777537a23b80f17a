import { Button, Group, Paper, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail } from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { deviceKeys, refreshDevices, saveAnnotations } from './api.js';
import { Fact, TagList } from './parts.js';

interface Annotations {
  notes: string;
  tags: string[];
}

/**
 * A device's tags and notes: a form for those who may annotate (a refused tag or note said on its
 * field), read-only for others.
 */
export function DeviceAnnotations({ device }: { device: DeviceDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const {
    form,
    mutation: save,
    problems,
    onSubmit,
  } = useApiForm({
    form: { mode: 'controlled', initialValues: { notes: device.notes, tags: device.tags } as Annotations },
    mutationFn: (values: Annotations) => saveAnnotations(device.id, values),
    onSuccess: (updated) => {
      queryClient.setQueryData(deviceKeys.detail(device.id), updated);
      refreshDevices(queryClient);
      notifications.show({ color: 'teal', message: t('devices.detail.saved') });
    },
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
  const { notes, tags } = form.getValues();
  const changed = notes !== device.notes || JSON.stringify(tags) !== JSON.stringify(device.tags);
  return (
    <Paper withBorder radius="md" p="lg" component="form" noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <FormAlert messages={problems} />
        <TagsInput
          label={t('devices.columns.tags')}
          maxTags={limits.deviceTags}
          splitChars={[',']}
          clearable
          {...form.getInputProps('tags')}
        />
        <Textarea
          label={t('devices.detail.notes')}
          maxLength={limits.deviceNotes}
          autosize
          minRows={3}
          {...form.getInputProps('notes')}
        />
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
