import { licenceUsage, selectUserBatch, type UserKey } from './repository.js';
import { batchSize, num, type ReportDefinition } from './types.js';

/**
 * Seats of the licence in use, and who holds them: the users who work in the scope's companies,
 * each with their role, companies and seats (one query per batch of users, companies and seats
 * aggregated in it).
 */
export const seatUsage: ReportDefinition = {
  usesPeriod: false,
  columns: ['user', 'email', 'role', 'userStatus', 'companies', 'remoteSupportSeat', 'serviceDeskSeat'],
  async *batches(db, scope) {
    let after: UserKey | null = null;
    for (;;) {
      const rows = await selectUserBatch(db, scope, after);
      if (rows.length > 0) {
        yield rows.map((u) => [
          u.name,
          u.email,
          u.role,
          u.status,
          u.all_companies ? '*' : (u.companies ?? []).join(';'),
          u.remote_support ? 'yes' : 'no',
          u.service_desk ? 'yes' : 'no',
        ]);
      }
      const last = rows.at(-1);
      if (!last || rows.length < batchSize) return;
      after = [last.sort_name, last.id];
    }
  },
  async summary(db, scope) {
    const l = await licenceUsage(db, scope);
    return {
      facts: [
        { key: 'remoteSupportUsed', value: num(l?.rs_used ?? 0), unit: 'count' },
        { key: 'remoteSupportTotal', value: num(l?.rs_total ?? 0), unit: 'count' },
        { key: 'serviceDeskUsed', value: num(l?.sd_used ?? 0), unit: 'count' },
        { key: 'serviceDeskTotal', value: num(l?.sd_total ?? 0), unit: 'count' },
        { key: 'devicesUsed', value: num(l?.devices ?? 0), unit: 'count' },
        { key: 'deviceLimit', value: num(l?.device_limit ?? 0), unit: 'count' },
      ],
      chart: null,
    };
  },
};
