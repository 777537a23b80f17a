import { Button, Group, SegmentedControl } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconMaximize } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { postSnapshot, sessionKeys } from './api.js';

export type ScreenMode = 'fit' | 'actual';

/** The video's current frame as a PNG. */
export function frameAsPng(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no frame'))), 'image/png'),
  );
}

/** Above the customer's screen: fit or actual size, full screen, and a snapshot kept with the session. */
export function ScreenToolbar(props: {
  sessionId: string;
  mode: ScreenMode;
  setMode: (mode: ScreenMode) => void;
  frame: RefObject<HTMLDivElement | null>;
  video: RefObject<HTMLVideoElement | null>;
  hasStream: boolean;
  canSnapshot: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const snapshot = useMutation({
    mutationFn: async () => {
      const video = props.video.current;
      if (!video || video.videoWidth === 0) throw new Error('no frame');
      return postSnapshot(props.sessionId, await frameAsPng(video));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.snapshots(props.sessionId) });
      notifications.show({ color: 'teal', message: t('sessions.snapshots.taken') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  return (
    <Group justify="space-between" gap="xs">
      <SegmentedControl
        size="xs"
        aria-label={t('sessions.view.mode')}
        value={props.mode}
        onChange={(value) => props.setMode(value as ScreenMode)}
        data={[
          { value: 'fit', label: t('sessions.view.fit') },
          { value: 'actual', label: t('sessions.view.actual') },
        ]}
      />
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMaximize size={14} aria-hidden />}
          disabled={!props.hasStream}
          onClick={() => void props.frame.current?.requestFullscreen?.()}
        >
          {t('sessions.view.fullScreen')}
        </Button>
        {props.canSnapshot ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCamera size={14} aria-hidden />}
            disabled={!props.hasStream}
            loading={snapshot.isPending}
            onClick={() => snapshot.mutate()}
          >
            {t('sessions.snapshots.take')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
