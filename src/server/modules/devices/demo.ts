import type { AgentInventory } from '../../../shared/contracts/devices.js';
import type { Queryable } from '../../platform/db/pool.js';
import { newCredential } from './agent-service.js';
import { credentialHashOf, insertDevice, insertStatusChanges, updateDevice } from './repository.js';

type DemoDevice = {
  company: number;
  name: string;
  status: 'online' | 'offline';
  tags?: string[];
  notes?: string;
  inventory: Omit<AgentInventory, 'cpu' | 'memory' | 'disks' | 'uptimeSeconds' | 'agentVersion'>;
};

const demo: DemoDevice[] = [
  {
    company: 0,
    name: 'Reception PC',
    status: 'online',
    tags: ['front-desk'],
    inventory: {
      hostname: 'nw-reception-01',
      platform: 'windows',
      os: 'Windows 11 Pro',
      osVersion: '23H2',
      addresses: ['10.10.0.21'],
    },
  },
  {
    company: 0,
    name: 'Finance laptop',
    status: 'online',
    inventory: {
      hostname: 'nw-fin-lt-04',
      platform: 'macos',
      os: 'macOS',
      osVersion: '14.5',
      addresses: ['10.10.0.54'],
    },
  },
  {
    company: 0,
    name: 'File server',
    status: 'online',
    tags: ['server'],
    notes: 'Backups run at 02:00.',
    inventory: {
      hostname: 'nw-files',
      platform: 'linux',
      os: 'Ubuntu',
      osVersion: '24.04',
      addresses: ['10.10.0.5', 'fd00::5'],
    },
  },
  {
    company: 1,
    name: 'Till 1',
    status: 'online',
    tags: ['kiosk'],
    inventory: {
      hostname: 'contoso-till-01',
      platform: 'windows',
      os: 'Windows 10 IoT',
      osVersion: '21H2',
      addresses: ['192.168.20.11'],
    },
  },
  {
    company: 1,
    name: 'Till 2',
    status: 'offline',
    tags: ['kiosk'],
    notes: 'Screen replaced in March.',
    inventory: {
      hostname: 'contoso-till-02',
      platform: 'windows',
      os: 'Windows 10 IoT',
      osVersion: '21H2',
      addresses: ['192.168.20.12'],
    },
  },
  {
    company: 2,
    name: 'Clinic front desk',
    status: 'online',
    inventory: {
      hostname: 'fab-desk-01',
      platform: 'windows',
      os: 'Windows 11 Pro',
      osVersion: '23H2',
      addresses: ['172.16.4.10'],
    },
  },
  {
    company: 2,
    name: 'X-ray workstation',
    status: 'offline',
    tags: ['medical'],
    inventory: {
      hostname: 'fab-xray-ws',
      platform: 'linux',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      addresses: ['172.16.4.40'],
    },
  },
  {
    company: 3,
    name: 'Design iMac',
    status: 'online',
    inventory: {
      hostname: 'tailspin-imac',
      platform: 'macos',
      os: 'macOS',
      osVersion: '15.1',
      addresses: ['10.30.1.7'],
    },
  },
];

/**
 * A handful of devices for the demo account, written through the repository as enrolment would
 * write them (with credentials nobody holds: no agent is behind them).
 */
export async function enrolDemoDevices(tx: Queryable, accountId: string, companyIds: readonly string[]): Promise<void> {
  for (const [i, d] of demo.entries()) {
    const companyId = companyIds[d.company % companyIds.length];
    if (!companyId) throw new Error('The demo devices need at least one company to go to.');
    const device = await insertDevice(tx, {
      accountId,
      companyId,
      name: d.name,
      credentialHash: credentialHashOf(newCredential()),
      status: d.status,
      inventory: {
        ...d.inventory,
        cpu: { model: d.inventory.platform === 'macos' ? 'Apple M2' : 'Intel Core i5-1245U', cores: 8 },
        memory: { totalBytes: (8 + (i % 3) * 8) * 1024 ** 3 },
        disks: [
          {
            mount: d.inventory.platform === 'windows' ? 'C:' : '/',
            sizeBytes: 512 * 1024 ** 3,
            usedBytes: (120 + i * 30) * 1024 ** 3,
          },
        ],
        uptimeSeconds: 3600 * (5 + i * 7),
        agentVersion: '1.0.0',
      },
    });
    await insertStatusChanges(tx, [{ accountId, deviceId: device.id, status: 'online' }]);
    if (d.status === 'offline') await insertStatusChanges(tx, [{ accountId, deviceId: device.id, status: 'offline' }]);
    if (d.tags || d.notes) await updateDevice(tx, accountId, device.id, { tags: d.tags, notes: d.notes });
  }
}
