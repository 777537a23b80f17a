import type {
  Company,
  CompanyAbilities,
  CompanyDetail,
  CompanyUser,
  LogoContentType,
} from '../../../shared/contracts/companies.js';
import { roleCan } from '../../../shared/permissions.js';
import type { Actor } from '../../platform/authz.js';
import type { CompanyDetailRow, CompanyListRow, CompanyRow, CompanyUserRow } from './repository.js';

/**
 * What the actor may do with a company they can see. Company access is checked before any
 * company is presented, so only the role decides here.
 */
export function companyAbilities(actor: Actor): CompanyAbilities {
  const can = (p: Parameters<typeof roleCan>[1]) => roleCan(actor.role, p);
  return {
    update: can('companies.update'),
    delete: can('companies.delete'),
    viewDataKey: can('companies.update'),
    rotateDataKey: can('companies.update'),
    moveDevices: can('devices.move'),
    clearInventory: can('devices.clear'),
    viewAccess: can('users.read'),
    manageAccess: can('users.manage'),
  };
}

export function logoUrl(companyId: string, sha256: string): string {
  return `/api/v1/companies/${companyId}/logo?v=${sha256.slice(0, 16)}`;
}

export function presentCompany(row: CompanyListRow, actor: Actor): Company {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    logo: row.logo
      ? {
          contentType: row.logo.contentType as LogoContentType,
          size: row.logo.size,
          sha256: row.logo.sha256,
          updatedAt: row.logo.updatedAt.toISOString(),
          url: logoUrl(row.id, row.logo.sha256),
        }
      : null,
    usersCount: row.usersCount,
    devicesCount: row.devicesCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: companyAbilities(actor),
  };
}

/** The data key leaves the server only for those who may manage it. */
export function presentCompanyDetail(row: CompanyDetailRow, actor: Actor, timeZone: string): CompanyDetail {
  const company = presentCompany(row, actor);
  return {
    ...company,
    dataKey: company.abilities.viewDataKey ? row.dataKey : null,
    dataKeyRotatedAt: row.dataKeyRotatedAt?.toISOString() ?? null,
    timeZone,
  };
}

/** What the audit log keeps of a company: never its data key. */
export function auditedCompany(row: Pick<CompanyRow, 'name' | 'color'>) {
  return { name: row.name, color: row.color };
}

export function presentCompanyUser(row: CompanyUserRow): CompanyUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    access: row.access,
    companyCount: row.companyCount,
  };
}
