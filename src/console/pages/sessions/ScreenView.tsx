import { Box, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenToolbar, type ScreenMode } from './ScreenToolbar.js';

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
  const [mode, setMode] = useState<ScreenMode>('fit');
  const frame = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  const fit = mode === 'fit';
  const shown = stream ? 'block' : 'none';
  return (
    <Stack gap="xs">
      <ScreenToolbar
        sessionId={sessionId}
        mode={mode}
        setMode={setMode}
        frame={frame}
        video={video}
        hasStream={stream !== null}
        canSnapshot={canSnapshot}
      />
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
              ? { width: '100%', height: '100%', maxHeight: '75vh', objectFit: 'contain', display: shown }
              : { display: shown }
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
