/** What a device session is recorded from, and how to stop it. */
export interface RecordingSource {
  stream: MediaStream;
  stop(): void;
}

/**
 * The stream a device session is recorded from: the screen canvas copied onto an opaque canvas at
 * a steady rate. Recording the screen canvas itself gives a WebM with an alpha channel (blocks the
 * recording's seekable header cannot index) and, while the device's screen is still, no frame at
 * all — a recording of a still screen would last no time. Null where the page cannot capture a canvas.
 */
export function recordingSource(screen: HTMLCanvasElement, fps: number): RecordingSource | null {
  const copy = document.createElement('canvas');
  const context = copy.getContext('2d', { alpha: false });
  if (!context || typeof copy.captureStream !== 'function') return null;
  const draw = () => {
    if (screen.width === 0 || screen.height === 0) return;
    if (copy.width !== screen.width || copy.height !== screen.height) {
      copy.width = screen.width;
      copy.height = screen.height;
    }
    context.drawImage(screen, 0, 0);
  };
  draw();
  const stream = copy.captureStream(fps);
  const timer = setInterval(draw, 1000 / fps);
  return {
    stream,
    stop: () => {
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
    },
  };
}
