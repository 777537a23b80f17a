import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Role } from '../../shared/permissions.js';
import type { Module } from '../../shared/licence.js';
import type { Database } from '../platform/db/pool.js';
import { hashPassword } from '../platform/crypto/passwords.js';
import { createAccount } from '../modules/setup/index.js';
import { recordAudit, systemContext } from '../modules/audit/index.js';
import { companies } from '../modules/companies/tables.js';
import { enrolDemoDevices } from '../modules/devices/index.js';
import { accountLicences } from '../modules/accounts/tables.js';
import { seatAssignments } from '../modules/seats/tables.js';
import { insertUser, usersWithEmail } from '../modules/users/index.js';
import { seedSupportDemo } from './support.js';
import { seedReportsDemo } from './reports.js';
import { seedAlertsDemo } from './alerts.js';

/** Everyone in the demo signs in with this password. */
export const demoPassword = 'tandem demo password';
export const demoAdminEmail = 'alice@northwind.demo';

const companyNames = ['Northwind HQ', 'Contoso Retail', 'Fabrikam Clinics', 'Tailspin Toys'] as const;
type CompanyName = (typeof companyNames)[number];

interface DemoUser {
  name: string;
  email: string;
  role: Role;
  language: 'en' | 'fr';
  timeZone: string;
  companies: CompanyName[] | 'all';
  seats: Module[];
}

const demoUsers: DemoUser[] = [
  {
    name: 'Bruno Leroy',
    email: 'bruno@northwind.demo',
    role: 'administrator',
    language: 'fr',
    timeZone: 'Europe/Paris',
    companies: 'all',
    seats: ['serviceDesk'],
  },
  {
    name: 'Chloé Dubois',
    email: 'chloe@northwind.demo',
    role: 'technician',
    language: 'fr',
    timeZone: 'Europe/Paris',
    companies: ['Northwind HQ', 'Contoso Retail'],
    seats: ['remoteSupport', 'serviceDesk'],
  },
  {
    name: 'David Kim',
    email: 'david@northwind.demo',
    role: 'technician',
    language: 'en',
    timeZone: 'America/New_York',
    companies: ['Fabrikam Clinics'],
    seats: ['remoteSupport'],
  },
  {
    name: 'Emma Rossi',
    email: 'emma@northwind.demo',
    role: 'technician',
    language: 'en',
    timeZone: 'Europe/Rome',
    companies: ['Tailspin Toys', 'Contoso Retail'],
    seats: [],
  },
  {
    name: 'Farid Haddad',
    email: 'farid@northwind.demo',
    role: 'viewer',
    language: 'fr',
    timeZone: 'Africa/Casablanca',
    companies: ['Contoso Retail'],
    seats: [],
  },
];

/**
 * Loads the demo account — companies, administrators, technicians and viewers with seats — once;
 * a later start finds it and leaves it as it is. Each feature adds its own objects here.
 */
export async function seedDemo(database: Database, log: Logger): Promise<void> {
  const { db } = database;
  if ((await usersWithEmail(db, demoAdminEmail)).length > 0) {
    log.info('demo account already loaded');
  } else {
    const ctx = systemContext('demo');
    const { account, company } = await createAccount(db, ctx, {
      accountName: 'Northwind Support (demo)',
      adminName: 'Alice Martin',
      adminEmail: demoAdminEmail,
      adminPassword: demoPassword,
    });
    const passwordHash = await hashPassword(demoPassword);
    await db.transaction(async (tx) => {
      await tx.update(companies).set({ name: companyNames[0], color: '#1c7ed6' }).where(eq(companies.id, company.id));
      const more = await tx
        .insert(companies)
        .values(
          companyNames
            .slice(1)
            .map((name, i) => ({ accountId: account.id, name, color: ['#2f9e44', '#e8590c', '#7048e8'][i] })),
        )
        .returning();
      const idOf = new Map<string, string>([
        [companyNames[0], company.id],
        ...more.map((c) => [c.name, c.id] as const),
      ]);
      for (const c of more)
        await recordAudit(tx, ctx, {
          accountId: account.id,
          action: 'company.create',
          objectType: 'company',
          objectId: c.id,
          after: { name: c.name },
        });
      await tx
        .update(accountLicences)
        .set({ remoteSupportSeats: 4, serviceDeskSeats: 3, deviceLimit: 250 })
        .where(eq(accountLicences.accountId, account.id));
      for (const u of demoUsers) {
        const companyIds = u.companies === 'all' ? [...idOf.values()] : u.companies.map((n) => idOf.get(n)!);
        const user = await insertUser(
          tx,
          {
            accountId: account.id,
            email: u.email,
            name: u.name,
            passwordHash,
            role: u.role,
            status: 'active',
            language: u.language,
            timeZone: u.timeZone,
            allCompanies: u.companies === 'all',
          },
          companyIds,
        );
        if (u.seats.length)
          await tx
            .insert(seatAssignments)
            .values(u.seats.map((module) => ({ accountId: account.id, userId: user.id, module })));
        await recordAudit(tx, ctx, {
          accountId: account.id,
          action: 'user.create',
          objectType: 'user',
          objectId: user.id,
          after: { email: u.email, name: u.name, role: u.role },
        });
      }
      await seedSupportDemo(tx, account.id, idOf);
      await enrolDemoDevices(tx, account.id, [...idOf.values()]);
      await seedReportsDemo(tx, account.id, demoAdminEmail);
      await seedAlertsDemo(tx, account.id, idOf);
    });
    log.info('demo account loaded');
  }
  const lines = [
    'Demo account "Northwind Support (demo)". Sign in with any of these, password: ' + JSON.stringify(demoPassword),
    `  administrator  Alice Martin   ${demoAdminEmail}`,
    ...demoUsers.map((u) => `  ${u.role.padEnd(13)}  ${u.name.padEnd(13)}  ${u.email}`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
