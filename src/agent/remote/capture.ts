import type { Monitor } from '../../shared/remote/protocol.js';

/** One captured screen: `width × height` pixels, RGBA, rows top to bottom with no padding. */
export interface RawFrame {
  width: number;
  height: number;
  rgba: Buffer;
  /** increases with every capture: tiles encoded between the same two frames are shared by viewers */
  id: number;
}

/** Where frames come from: the device's monitors (node-screenshots), or a test's pictures. */
export interface ScreenSource {
  monitors(): Monitor[];
  capture(monitorId: number): Promise<RawFrame>;
}

let frameIds = 0;
export const nextFrameId = () => ++frameIds;

type NativeMonitor = {
  id(): number;
  name(): string;
  x(): number;
  y(): number;
  width(): number;
  height(): number;
  isPrimary(): boolean;
  captureImage(): Promise<{ width: number; height: number; toRaw(copyOutputData?: boolean): Promise<Buffer> }>;
};

/**
 * The device's screens through node-screenshots (X11 on Linux, DXGI/GDI on Windows, ScreenCaptureKit
 * on macOS). Loaded on first use, so an agent that never opens a session never needs a display.
 */
export async function systemScreens(): Promise<ScreenSource> {
  const { Monitor: NativeMonitors } = (await import('node-screenshots')) as unknown as {
    Monitor: { all(): NativeMonitor[] };
  };
  const byId = () => new Map(NativeMonitors.all().map((m) => [m.id(), m]));
  return {
    monitors() {
      const all = NativeMonitors.all();
      const anyPrimary = all.some((m) => m.isPrimary());
      return all.slice(0, 16).map((m, index) => ({
        id: m.id(),
        name: m.name().slice(0, 200) || `Screen ${index + 1}`,
        x: m.x(),
        y: m.y(),
        width: Math.max(1, m.width()),
        height: Math.max(1, m.height()),
        primary: anyPrimary ? m.isPrimary() : index === 0,
      }));
    },
    async capture(monitorId) {
      const monitors = byId();
      const monitor = monitors.get(monitorId) ?? monitors.values().next().value;
      if (!monitor) throw new Error('no screen to capture (no display?)');
      const image = await monitor.captureImage();
      const rgba = await image.toRaw();
      return { width: image.width, height: image.height, rgba, id: nextFrameId() };
    },
  };
}
