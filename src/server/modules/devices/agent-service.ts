import type { AgentInventory, EnrolBody, EnrolResponse } from '../../../shared/contracts/devices.js';
import type { Db, Queryable } from '../../platform/db/pool.js';
import { randomSecret } from '../../platform/crypto/secrets.js';
import { recordEvent } from '../../platform/events/record.js';
import { AppError, conflict } from '../../platform/http/app-error.js';
import { findLicence } from '../accounts/index.js';
import type { HeartbeatWriter } from './heartbeat-writer.js';
import * as repo from './repository.js';

/** The device credential handed to an agent at enrolment; the server keeps only its hash. */
export const credentialPrefix = 'tdc_';
export const newCredential = () => `${credentialPrefix}${randomSecret(32)}`;

export const unknownCredential = () =>
  new AppError(
    'unauthenticated',
    'This device credential is not valid: the device was revoked or removed. Enrol it again with a data key.',
  );

/**
 * Exchanges a company's data key for a device credential. A rotated (old) key or a wrong one is
 * refused alike. Beyond the licence's device limit the enrolment is refused (409) and the
 * refusal is recorded as `licence.device_limit_reached` for the alert rules.
 */
export async function enrol(
  db: Db,
  body: EnrolBody,
  heartbeatSeconds: number,
  grantKey: () => Promise<string>,
): Promise<EnrolResponse> {
  const outcome = await db.transaction(async (tx) => {
    const company = await repo.findCompanyByDataKey(tx, body.dataKey);
    if (!company) return { refused: 'key' as const };
    // the licence row serialises enrolments, as it does seat assignments
    const licence = await findLicence(tx, company.accountId, { forUpdate: true });
    if (!licence) throw new Error(`account ${company.accountId} has no licence row`);
    const inUse = await repo.devicesInUse(tx, company.accountId);
    if (inUse >= licence.deviceLimit) {
      await recordEvent(tx, {
        accountId: company.accountId,
        // the company the device tried to join: rules watching other companies stay silent
        companyId: company.id,
        type: 'licence.device_limit_reached',
        subjectId: company.id,
        payload: {
          companyId: company.id,
          companyName: company.name,
          deviceLimit: licence.deviceLimit,
          inUse,
          hostname: body.inventory.hostname,
        },
      });
      return { refused: 'limit' as const, limit: licence.deviceLimit };
    }
    const credential = newCredential();
    const name = body.name ?? body.inventory.hostname;
    const device = await repo.insertDevice(tx, {
      accountId: company.accountId,
      companyId: company.id,
      name,
      credentialHash: repo.credentialHashOf(credential),
      inventory: body.inventory,
      status: 'online',
    });
    await repo.insertStatusChanges(tx, [{ accountId: company.accountId, deviceId: device.id, status: 'online' }]);
    await recordEvent(tx, {
      accountId: company.accountId,
      companyId: company.id,
      type: 'device.enrolled',
      subjectId: device.id,
      payload: {
        deviceId: device.id,
        name,
        companyId: company.id,
        companyName: company.name,
        lastSeenAt: device.lastSeenAt.toISOString(),
      },
    });
    return { refused: null, response: { deviceId: device.id, credential, heartbeatSeconds } };
  });
  if (outcome.refused === 'key') {
    throw new AppError(
      'unauthenticated',
      "This data key is not valid. It may have been rotated: copy the current key from the company's Data key tab.",
    );
  }
  if (outcome.refused === 'limit') {
    throw conflict(
      `The account's device limit (${outcome.limit}) is reached, so this device cannot enrol. An administrator can raise the limit on Seats & devices, or remove devices.`,
      { reason: 'device_limit_reached', deviceLimit: outcome.limit },
    );
  }
  return { ...outcome.response, grantKey: await grantKey() };
}

/** A device that comes back after being offline: its transition, in the same transaction. */
async function noteSignOfLife(tx: Queryable, seen: repo.SeenDevice): Promise<void> {
  if (seen.was === 'online') return;
  await repo.insertStatusChanges(tx, [{ accountId: seen.accountId, deviceId: seen.id, status: 'online' }]);
  await recordEvent(tx, {
    accountId: seen.accountId,
    companyId: seen.companyId,
    type: 'device.online',
    subjectId: seen.id,
    payload: {
      deviceId: seen.id,
      name: seen.name,
      companyId: seen.companyId,
      lastSeenAt: seen.lastSeenAt.toISOString(),
    },
  });
}

/**
 * A heartbeat: for a device already online (nearly every heartbeat), its row written with the
 * heartbeats that arrive with it (`HeartbeatWriter`); a device coming back flips in a transaction
 * with its history and event.
 */
export async function heartbeat(db: Db, writer: HeartbeatWriter, credentialHash: string): Promise<void> {
  if (await writer.write(credentialHash)) return;
  await db.transaction(async (tx) => {
    const seen = await repo.recordHeartbeat(tx, credentialHash);
    if (!seen) throw unknownCredential();
    await noteSignOfLife(tx, seen);
  });
}

export async function reportInventory(db: Db, credentialHash: string, inventory: AgentInventory): Promise<Date> {
  return db.transaction(async (tx) => {
    const seen = await repo.storeInventory(tx, credentialHash, inventory);
    if (!seen) throw unknownCredential();
    await noteSignOfLife(tx, seen);
    return seen.lastSeenAt;
  });
}
