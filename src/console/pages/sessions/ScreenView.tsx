import { Box, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconMaximize } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { postSnapshot, sessionKeys } from './api.js';

type Mode = 'fit' | 'actual';

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

/** The customer's screen: fit to the panel, actual size (scrolling), or full screen; a snapshot keeps a frame. */
export function ScreenView({
  sessionId,
  stream,
  placeholder,
  canSnapshot,
}: {
  sessionId: string;
  stream: MediaStream | null;
  placeholder: ReactNode;
  canSnapshot: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('fit');
  const frame = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  const snapshot = useMutation({
    mutationFn: async () => {
      if (!video.current || video.current.videoWidth === 0) throw new Error('no frame');
      return postSnapshot(sessionId, await frameAsPng(video.current));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.snapshots(sessionId) });
      notifications.show({ color: 'teal', message: t('sessions.snapshots.taken') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const fit = mode === 'fit';
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as Mode)}
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
            disabled={!stream}
            onClick={() => void frame.current?.requestFullscreen?.()}
          >
            {t('sessions.view.fullScreen')}
          </Button>
          {canSnapshot ? (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconCamera size={14} aria-hidden />}
              disabled={!stream}
              loading={snapshot.isPending}
              onClick={() => snapshot.mutate()}
            >
              {t('sessions.snapshots.take')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Box
        ref={frame}
        bg="black"
        style={{
          borderRadius: 8,
          overflow: fit ? 'hidden' : 'auto',
          maxHeight: fit ? undefined : '75vh',
          minHeight: 240,
        }}
        pos="relative"
      >
        <video
          ref={video}
          autoPlay
          muted
          playsInline
          data-testid="screen-video"
          aria-label={t('sessions.view.screen')}
          style={
            fit
              ? {
                  width: '100%',
                  height: '100%',
                  maxHeight: '75vh',
                  objectFit: 'contain',
                  display: stream ? 'block' : 'none',
                }
              : { display: stream ? 'block' : 'none' }
          }
        />
        {stream ? null : (
          <Stack align="center" justify="center" mih={240} p="md">
            <Text c="gray.3" ta="center" size="sm">
              {placeholder}
            </Text>
          </Stack>
        )}
      </Box>
    </Stack>
  );
}
