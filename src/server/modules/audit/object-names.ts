import { sql, type SQL } from 'drizzle-orm';

/**
 * The name of an audit event's object as it is now — a user's, company's, device's, contact's, alert rule's,
 * report schedule's, API token's, sign-in provider's, group rule's, SCIM token's or SCIM group's, or a portal's or company setting's company —
 * read in the same statement as the
 * page of events (a scalar lookup per row on the owner's primary key, never a query per row from the server). An
 * object since deleted falls back to the name or e-mail its event recorded. The tables are named in SQL rather than
 * imported: every module records audit events, so the audit module imports none of them.
 */
const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const a = (column: string) => sql.raw(`audit_events.${column}`);

const idOf = (text: SQL) => sql`(case when ${text} ~ ${uuidPattern} then (${text})::uuid end)`;
const objectId = idOf(a('object_id'));
const settingCompanyId = idOf(sql`split_part(${a('object_id')}, ':', 1)`);

function nameIn(table: string, id: SQL): SQL {
  return sql`(select o.name from ${sql.identifier(table)} o where o.account_id = ${a('account_id')} and o.id = ${id})`;
}

export const objectNameColumn = sql<string | null>`coalesce(case ${a('object_type')}
    when 'user' then ${nameIn('users', objectId)}
    when 'company' then ${nameIn('companies', objectId)}
    when 'device' then ${nameIn('devices', objectId)}
    when 'contact' then ${nameIn('contacts', objectId)}
    when 'alert_rule' then ${nameIn('alert_rules', objectId)}
    when 'report_schedule' then ${nameIn('report_schedules', objectId)}
    when 'api_token' then ${nameIn('api_tokens', objectId)}
    when 'scim_token' then ${nameIn('scim_tokens', objectId)}
    when 'scim_group' then (select g.display_name from scim_groups g
      where g.account_id = ${a('account_id')} and g.id = ${objectId})
    when 'company_setting' then ${nameIn('companies', settingCompanyId)}
    when 'sso_provider' then ${nameIn('sso_providers', objectId)}
    when 'group_rule' then (select o.group_name from group_rules o
      where o.account_id = ${a('account_id')} and o.id = ${objectId})
    when 'portal' then (select c.name from portals p join companies c on c.id = p.company_id
      where p.account_id = ${a('account_id')} and p.id = ${objectId})
  end,
  ${a('after')} ->> 'name', ${a('before')} ->> 'name', ${a('after')} ->> 'email',
  ${a('after')} ->> 'groupName', ${a('before')} ->> 'groupName',
  ${a('after')} ->> 'displayName', ${a('before')} ->> 'displayName')`;
