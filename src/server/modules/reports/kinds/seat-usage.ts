import { sql } from 'drizzle-orm';
import { batchSize, inCompanies, num, type ReportDefinition } from './types.js';

type UserLine = {
  id: string;
  sort_name: string;
  name: string;
  email: string;
  role: string;
  status: string;
  all_companies: boolean;
  companies: string[] | null;
  remote_support: boolean;
  service_desk: boolean;
};

/**
 * Seats of the licence in use, and who holds them: the users who work in the scope's companies,
 * each with their role, companies and seats (one query per batch of users, companies and seats
 * aggregated in it).
 */
export const seatUsage: ReportDefinition = {
  usesPeriod: false,
  columns: ['user', 'email', 'role', 'userStatus', 'companies', 'remoteSupportSeat', 'serviceDeskSeat'],
  async *batches(db, scope) {
    let after: [string, string] | null = null;
    for (;;) {
      const rows: UserLine[] = (
        await db.execute<UserLine>(sql`
          select u.id, lower(u.name) as sort_name, u.name, u.email, u.role, u.status, u.all_companies,
            (select array_agg(c.name order by c.name) from user_companies uc join companies c on c.id = uc.company_id where uc.user_id = u.id) as companies,
            exists (select 1 from seat_assignments s where s.user_id = u.id and s.module = 'remoteSupport') as remote_support,
            exists (select 1 from seat_assignments s where s.user_id = u.id and s.module = 'serviceDesk') as service_desk
          from users u
          where u.account_id = ${scope.accountId}
            and (u.all_companies or exists (select 1 from user_companies uc where uc.user_id = u.id and ${inCompanies(sql`uc.company_id`, scope.companyIds)}))
            ${after ? sql`and (lower(u.name), u.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
          order by lower(u.name), u.id limit ${batchSize}`)
      ).rows;
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
    const [l] = (
      await db.execute<{
        rs_total: number;
        sd_total: number;
        device_limit: number;
        rs_used: string;
        sd_used: string;
        devices: string;
      }>(sql`
        select l.remote_support_seats as rs_total, l.service_desk_seats as sd_total, l.device_limit,
          (select count(*) from seat_assignments s where s.account_id = l.account_id and s.module = 'remoteSupport') as rs_used,
          (select count(*) from seat_assignments s where s.account_id = l.account_id and s.module = 'serviceDesk') as sd_used,
          (select count(*) from devices d where d.account_id = l.account_id and d.revoked_at is null) as devices
        from account_licences l where l.account_id = ${scope.accountId}`)
    ).rows;
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
