import { sql, type SQL } from 'drizzle-orm';
import type { RatingFigures } from '../../../shared/contracts/satisfaction.js';
import type { Queryable } from '../../platform/db/pool.js';
import { companies } from '../companies/tables.js';
import { users } from '../users/tables.js';
import { supportRatings } from './tables.js';

export type RatingRow = typeof supportRatings.$inferSelect;

export async function findRating(db: Queryable, requestId: string): Promise<RatingRow | null> {
  const result = await db
    .select()
    .from(supportRatings)
    .where(sql`${supportRatings.requestId} = ${requestId}`);
  return result[0] ?? null;
}

/** Stores the rating unless the request already has one (then null): one per chat, whatever races. */
export async function insertRating(
  db: Queryable,
  values: typeof supportRatings.$inferInsert,
): Promise<RatingRow | null> {
  const [row] = await db.insert(supportRatings).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

interface RatingFilter {
  accountId: string;
  /** null: every company of the account */
  companyIds: readonly string[] | null;
  from?: Date;
  /** exclusive */
  until?: Date;
}

const figuresColumns = sql`count(*)::int as count, round(avg(r.score), 2)::float8 as average,
  count(*) filter (where r.score = 1)::int as s1, count(*) filter (where r.score = 2)::int as s2,
  count(*) filter (where r.score = 3)::int as s3, count(*) filter (where r.score = 4)::int as s4,
  count(*) filter (where r.score = 5)::int as s5`;

type FiguresRow = {
  count: number;
  average: number | null;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
};

const figuresOf = (r: FiguresRow): RatingFigures => ({
  count: r.count,
  average: r.average,
  distribution: [r.s1, r.s2, r.s3, r.s4, r.s5],
});

function where(f: RatingFilter): SQL {
  const parts = [sql`r.account_id = ${f.accountId}`];
  if (f.companyIds !== null)
    parts.push(
      f.companyIds.length === 0
        ? sql`false`
        : sql`r.company_id in (${sql.join(
            f.companyIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
  if (f.from) parts.push(sql`r.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`r.created_at < ${f.until.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** The figures over the whole filter, per technician and per company: three aggregate statements, whatever the count. */
export async function ratingFigures(db: Queryable, f: RatingFilter) {
  const filter = where(f);
  const [total, byTechnician, byCompany] = await Promise.all([
    db.execute<FiguresRow>(sql`select ${figuresColumns} from ${supportRatings} r where ${filter}`),
    db.execute<FiguresRow & { id: string | null; name: string | null }>(
      sql`select r.technician_id as id, min(u.name) as name, ${figuresColumns}
          from ${supportRatings} r left join ${users} u on u.id = r.technician_id
          where ${filter} group by r.technician_id order by avg(r.score) desc, count(*) desc, min(u.name)`,
    ),
    db.execute<FiguresRow & { id: string; name: string }>(
      sql`select r.company_id as id, min(c.name) as name, ${figuresColumns}
          from ${supportRatings} r join ${companies} c on c.id = r.company_id
          where ${filter} group by r.company_id order by min(c.name), r.company_id`,
    ),
  ]);
  return {
    total: figuresOf(total.rows[0]!),
    byTechnician: byTechnician.rows.map((r) => ({
      technician: r.id && r.name ? { id: r.id, name: r.name } : null,
      ...figuresOf(r),
    })),
    byCompany: byCompany.rows.map((r) => ({ company: { id: r.id, name: r.name }, ...figuresOf(r) })),
  };
}
