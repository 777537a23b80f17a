/**
 * Named permissions (`resource.action`) and the built-in roles that bundle them.
 * The server's one `authorize` and the console's ability checks both read this table.
 */
export const roles = ['administrator', 'technician', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  // the actor's own profile and credentials
  'profile.read',
  'profile.update',
  'apiTokens.manage',
  // account management
  'account.read',
  'account.update',
  'companies.read',
  'companies.create',
  'companies.update',
  'companies.delete',
  'users.read',
  'users.manage',
  'seats.read',
  'seats.update',
  'settings.read',
  'settings.update',
  'portals.read',
  'portals.update',
  'contacts.read',
  'contacts.manage',
  'alerts.read',
  'alerts.manage',
  // scheduled reports: read schedules and their runs; create, change, delete and send now
  'reports.read',
  'reports.manage',
  // devices
  'devices.read',
  'devices.annotate',
  'devices.move',
  'devices.clear',
  'devices.revoke',
  // open a remote view or control session on an enrolled device (a Remote Support seat too)
  'devices.control',
  // support work
  'requests.read',
  'requests.answer',
  // remote-support sessions: read the log (within one's companies); start, join and run them (a Remote Support seat)
  'sessions.read',
  'sessions.run',
  // session recordings: watch and download every recording within one's companies, or only one's own sessions'
  'recordings.watch',
  'recordings.watchOwn',
  // outgoing messages kept in the outbox
  'outbox.read',
  'outbox.retry',
  // single sign-on providers, the rules from groups to access, and provisioning (SCIM) tokens
  'identity.manage',
  // audit
  'audit.read',
  'audit.readOwn',
  'audit.export',
] as const;
export type Permission = (typeof permissions)[number];

const everyone: Permission[] = ['profile.read', 'profile.update', 'apiTokens.manage', 'account.read'];

const readAccountManagement: Permission[] = [
  'companies.read',
  'users.read',
  'seats.read',
  'settings.read',
  'portals.read',
  'contacts.read',
  'alerts.read',
];

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  administrator: new Set<Permission>(permissions),
  technician: new Set<Permission>([
    ...everyone,
    ...readAccountManagement,
    'devices.read',
    'devices.annotate',
    'devices.control',
    'requests.read',
    'requests.answer',
    'sessions.read',
    'sessions.run',
    'recordings.watchOwn',
    'audit.readOwn',
    'reports.read',
  ]),
  // account management read-only, limited to their companies, like technicians (issue: "technicians
  // and viewers see account management read-only"); no work in the modules, no audit log
  viewer: new Set<Permission>([
    ...everyone,
    ...readAccountManagement,
    'devices.read',
    'requests.read',
    'sessions.read',
  ]),
};

/** Whether a role holds a permission. Company scope is checked separately, by the server. */
export function roleCan(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

/** The abilities map sent to clients so the UI never re-implements these rules. */
export function abilitiesOf(role: Role): Record<Permission, boolean> {
  return Object.fromEntries(permissions.map((p) => [p, roleCan(role, p)])) as Record<Permission, boolean>;
}
