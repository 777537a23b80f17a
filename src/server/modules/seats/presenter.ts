import type { Licence, SeatAssignment, SeatsOverview } from '../../../shared/contracts/seats.js';
import { modules, type Module } from '../../../shared/licence.js';
import { seatCountField } from '../../../shared/contracts/seats.js';
import type { LicenceRow } from '../accounts/index.js';
import type { SeatAssignmentRow, listHolders } from './repository.js';

type HolderRow = Awaited<ReturnType<typeof listHolders>>[number];

export function presentLicence(row: LicenceRow): Licence {
  return {
    remoteSupportSeats: row.remoteSupportSeats,
    serviceDeskSeats: row.serviceDeskSeats,
    deviceLimit: row.deviceLimit,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentAssignment(row: SeatAssignmentRow): SeatAssignment {
  return {
    module: row.module,
    userId: row.userId,
    assignedAt: row.assignedAt.toISOString(),
    assignedBy: row.assignedBy,
  };
}

export function presentOverview(input: {
  licence: LicenceRow;
  used: Record<Module, number>;
  devices: number;
  holders: HolderRow[];
  canUpdate: boolean;
}): SeatsOverview {
  return {
    licence: presentLicence(input.licence),
    modules: modules.map((module) => {
      const holders = input.holders.filter((h) => h.module === module);
      return {
        module,
        total: input.licence[seatCountField[module]],
        used: input.used[module],
        holders: holders.map((h) => ({
          userId: h.userId,
          name: h.name,
          email: h.email,
          role: h.role,
          status: h.status,
          assignedAt: h.assignedAt.toISOString(),
        })),
        hiddenHolders: Math.max(0, input.used[module] - holders.length),
      };
    }),
    devices: { used: input.devices, limit: input.licence.deviceLimit },
    abilities: { update: input.canUpdate },
  };
}
