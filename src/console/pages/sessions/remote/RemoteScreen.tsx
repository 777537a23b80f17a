import { Box, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteToAgent } from '../../../../shared/remote/protocol.js';
import { devicePoint, keyMessage, mouseButton, MoveThrottle, wheelMessage } from './input.js';
import { TilePainter } from './painter.js';
import type { TileSink } from './useRemoteSession.js';

const decode = (jpeg: Uint8Array<ArrayBuffer>) => createImageBitmap(new Blob([jpeg], { type: 'image/jpeg' }));

/**
 * The device's screen on a canvas the size of the device screen (drawn to fit the panel, its aspect
 * kept). In control, the pointer, the wheel and (once the canvas has focus) the keyboard go to the
 * device; the browser keeps none of them for itself.
 */
export function RemoteScreen({
  setSink,
  frameShown,
  send,
  control,
  placeholder,
  onCanvas,
}: {
  setSink: (draw: TileSink | null) => void;
  /** the canvas changed in this animation frame (counted as a frame shown) */
  frameShown?: () => void;
  send: (message: RemoteToAgent) => boolean;
  control: boolean;
  placeholder: ReactNode;
  /** the canvas once a first tile was drawn on it (recording captures it) */
  onCanvas?: (canvas: HTMLCanvasElement | null) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    let first = true;
    let counted = false;
    const painter = new TilePainter({
      canvas: element,
      decode,
      draw: (bitmap, x, y, w, h) => {
        context.drawImage(bitmap, x, y, w, h);
        if (!counted) {
          counted = true;
          requestAnimationFrame(() => {
            counted = false;
            frameShown?.();
          });
        }
        if (first) {
          first = false;
          setDrawn(true);
          onCanvas?.(element);
        }
      },
      // the transport acknowledges once the returned promise settles
      ack: () => undefined,
    });
    setSink((tile) => painter.paint(tile));
    return () => {
      painter.stop();
      setSink(null);
      onCanvas?.(null);
    };
  }, [setSink, onCanvas, frameShown]);

  // pointer, wheel and keys, in control only
  useEffect(() => {
    const element = canvas.current;
    if (!element || !control) return;
    const point = (e: MouseEvent) =>
      devicePoint(e.clientX, e.clientY, element.getBoundingClientRect(), {
        width: element.width,
        height: element.height,
      });
    const throttle = new MoveThrottle((p) => sendRef.current({ t: 'mouse', action: 'move', ...p }));
    const onMove = (e: MouseEvent) => throttle.move(point(e));
    const onButton = (action: 'down' | 'up') => (e: MouseEvent) => {
      const button = mouseButton(e.button);
      if (!button) return;
      e.preventDefault();
      // where the event was, before focusing can scroll the page
      const at = point(e);
      if (action === 'down') element.focus({ preventScroll: true });
      throttle.flush();
      sendRef.current({ t: 'mouse', action, button, ...at });
    };
    const onDown = onButton('down');
    const onUp = onButton('up');
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const message = wheelMessage(e);
      if (message) sendRef.current(message);
    };
    const onKey = (action: 'down' | 'up') => (e: KeyboardEvent) => {
      const message = keyMessage(action, e);
      if (!message) return;
      e.preventDefault();
      e.stopPropagation();
      sendRef.current(message);
    };
    const onKeyDown = onKey('down');
    const onKeyUp = onKey('up');
    const noMenu = (e: Event) => e.preventDefault();
    element.addEventListener('mousemove', onMove);
    element.addEventListener('mousedown', onDown);
    element.addEventListener('mouseup', onUp);
    element.addEventListener('wheel', onWheel, { passive: false });
    element.addEventListener('keydown', onKeyDown);
    element.addEventListener('keyup', onKeyUp);
    element.addEventListener('contextmenu', noMenu);
    return () => {
      element.removeEventListener('mousemove', onMove);
      element.removeEventListener('mousedown', onDown);
      element.removeEventListener('mouseup', onUp);
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('keydown', onKeyDown);
      element.removeEventListener('keyup', onKeyUp);
      element.removeEventListener('contextmenu', noMenu);
    };
  }, [control]);

  return (
    <Stack gap={4}>
      <Box bg="black" pos="relative" style={{ borderRadius: 8, overflow: 'hidden', minHeight: 240 }}>
        <canvas
          ref={canvas}
          data-testid="remote-screen"
          data-control={control}
          role={control ? 'application' : 'img'}
          aria-label={t('remote.screen')}
          tabIndex={control ? 0 : -1}
          style={{
            display: drawn ? 'block' : 'none',
            width: '100%',
            height: 'auto',
            maxHeight: '75vh',
            objectFit: 'contain',
            cursor: control ? 'default' : undefined,
            outline: 'none',
          }}
        />
        {drawn ? null : (
          <Stack align="center" justify="center" mih={240} p="md">
            <Text c="gray.3" ta="center" size="sm">
              {placeholder}
            </Text>
          </Stack>
        )}
      </Box>
      {control && drawn ? (
        <Text size="xs" c="dimmed">
          {t('remote.keyboardHint')}
        </Text>
      ) : null}
    </Stack>
  );
}
