import { expect, type Page } from '@playwright/test';
import type { AgentInventory } from '../../../src/shared/contracts/devices.js';

/** What an agent reports when it enrols: a Windows PC at `address`. */
export function agentInventory(hostname: string, address = '10.0.0.7'): AgentInventory {
  return {
    hostname,
    platform: 'windows',
    os: 'Windows 11 Pro',
    osVersion: '23H2',
    cpu: { model: 'Test CPU', cores: 4 },
    memory: { totalBytes: 8 * 1024 ** 3 },
    disks: [{ mount: 'C:', sizeBytes: 256 * 1024 ** 3, usedBytes: 100 * 1024 ** 3 }],
    addresses: [address],
    uptimeSeconds: 600,
    agentVersion: '1.0.0',
  };
}

/** A device enrolled with a company's data key, as its agent would (`POST /api/agent/enroll`); its id. */
export async function enrolDevice(
  page: Page,
  dataKey: string,
  name: string,
  inventory: AgentInventory = agentInventory(name),
): Promise<string> {
  const res = await page.request.post('/api/agent/enroll', { data: { dataKey, name, inventory } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { deviceId: string }).deviceId;
}
