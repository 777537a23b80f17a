import net from 'node:net';
import si from 'systeminformation';
import { agentTextForbidden, type AgentInventory, type DevicePlatform } from '../shared/contracts/devices.js';
import { limits } from '../shared/limits.js';
import { agentVersion } from './version.js';

const forbidden = new RegExp(agentTextForbidden.source, 'g');
/** Text as the server takes it: control characters and bidirectional overrides as spaces, trimmed, bounded. */
const cut = (text: string | undefined, max: number) => (text ?? '').replace(forbidden, ' ').trim().slice(0, max);

function platformOf(platform: string): DevicePlatform {
  const p = platform.toLowerCase();
  if (p.startsWith('win')) return 'windows';
  if (p === 'darwin' || p.startsWith('mac')) return 'macos';
  if (p === 'linux') return 'linux';
  return 'other';
}

/** This computer's inventory, read with systeminformation and kept within what the server accepts. */
export async function collectInventory(): Promise<AgentInventory> {
  const [osInfo, cpu, mem, disks, nics, time] = await Promise.all([
    si.osInfo(),
    si.cpu(),
    si.mem(),
    si.fsSize().catch(() => []),
    si.networkInterfaces().catch(() => []),
    si.time(),
  ]);
  const addresses = new Set<string>();
  for (const nic of Array.isArray(nics) ? nics : [nics]) {
    if (nic.internal) continue;
    for (const ip of [nic.ip4, nic.ip6.split('%')[0]]) if (ip && net.isIP(ip)) addresses.add(ip);
  }
  return {
    hostname: cut(osInfo.hostname, limits.deviceHostname) || 'unknown',
    platform: platformOf(osInfo.platform),
    os: cut(osInfo.distro, limits.deviceOsText),
    osVersion: cut(osInfo.release, limits.deviceOsText),
    cpu: { model: cut(`${cpu.manufacturer} ${cpu.brand}`, limits.deviceText), cores: Math.min(4096, cpu.cores || 0) },
    memory: { totalBytes: mem.total },
    disks: disks.slice(0, limits.deviceDisks).map((d) => ({
      mount: cut(d.mount, limits.deviceText),
      sizeBytes: Math.max(0, Math.round(d.size)),
      usedBytes: Math.max(0, Math.round(d.used)),
    })),
    addresses: [...addresses].slice(0, limits.deviceAddresses),
    uptimeSeconds: Math.max(0, Math.floor(Number(time.uptime) || 0)),
    agentVersion,
  };
}

/** What counts as a change worth reporting: everything but the uptime. */
export function inventoryFingerprint(inventory: AgentInventory): string {
  const { uptimeSeconds: _uptime, ...rest } = inventory;
  return JSON.stringify(rest);
}
