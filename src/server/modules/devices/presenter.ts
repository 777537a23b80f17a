import type { Device, DeviceAbilities, DeviceDetail, DeviceHardware } from '../../../shared/contracts/devices.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { DeviceListRow } from './repository.js';

/** What the actor may do with a device they can see: company access is checked before, the role decides. */
export function deviceAbilities(actor: Actor, row: Pick<DeviceListRow, 'revokedAt'>): DeviceAbilities {
  return {
    annotate: roleCan(actor.role, 'devices.annotate'),
    move: roleCan(actor.role, 'devices.move'),
    revoke: roleCan(actor.role, 'devices.revoke') && row.revokedAt === null,
  };
}

export function presentDevice(row: DeviceListRow, actor: Actor): Device {
  return {
    id: row.id,
    name: row.name,
    hostname: row.hostname,
    platform: row.platform,
    os: row.os,
    osVersion: row.osVersion,
    ipAddresses: row.ipAddresses,
    agentVersion: row.agentVersion,
    status: row.status,
    revoked: row.revokedAt !== null,
    tags: row.tags,
    company: { id: row.companyId, name: row.companyName },
    enrolledAt: row.enrolledAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    abilities: deviceAbilities(actor, row),
  };
}

/** The stored hardware summary, read defensively: it was written by an agent. */
function hardwareOf(value: unknown): DeviceHardware {
  const h = (value ?? {}) as Partial<DeviceHardware>;
  return {
    cpu: h.cpu ?? null,
    memory: h.memory ?? null,
    disks: Array.isArray(h.disks) ? h.disks : [],
    uptimeSeconds: typeof h.uptimeSeconds === 'number' ? h.uptimeSeconds : null,
  };
}

export function presentDeviceDetail(
  row: DeviceListRow,
  history: { status: 'online' | 'offline'; at: Date }[],
  actor: Actor,
): DeviceDetail {
  return {
    ...presentDevice(row, actor),
    notes: row.notes,
    hardware: hardwareOf(row.hardware),
    inventoryAt: row.inventoryAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
  };
}

/** A device as the audit log keeps it. */
export function auditedDevice(row: Pick<DeviceListRow, 'id' | 'name' | 'companyId' | 'tags' | 'notes'>) {
  return { id: row.id, name: row.name, companyId: row.companyId, tags: row.tags, notes: row.notes };
}
