import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/contracts/sessions.js';
import { deviceFacts } from './Timeline.js';

const t = ((key: string, values?: Record<string, unknown>) =>
  values?.size === undefined ? key : `${key}(${String(values.size)})`) as unknown as TFunction;
const event = (type: SessionEvent['type'], data: Record<string, unknown>): SessionEvent => ({
  id: '1',
  type,
  side: 'technician',
  actor: null,
  data,
  at: '2026-01-01T00:00:00.000Z',
});

describe('device session timeline', () => {
  it("words a file's size, how the device consented and why it refused", () => {
    expect(
      deviceFacts(event('file_to_device', { name: 'a.bin', size: 1200 }), t, (n) => n.toLocaleString('en')),
    ).toEqual(['remote.timeline.size(1,200)']);
    expect(deviceFacts(event('consented', { mode: 'notify' }), t, String)).toEqual(['remote.timeline.consent.notify']);
    expect(deviceFacts(event('declined', { result: 'timed_out' }), t, String)).toEqual([
      'remote.timeline.result.timed_out',
    ]);
    expect(deviceFacts(event('reboot_requested', {}), t, String)).toEqual([]);
  });
});
