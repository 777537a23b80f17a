import {
  IconAddressBook,
  IconBell,
  IconBuildingSkyscraper,
  IconCalendarStats,
  IconDeviceDesktop,
  IconHeadset,
  IconHistory,
  IconInbox,
  IconKey,
  IconMail,
  IconMessageCircle,
  IconScreenShare,
  IconSettings,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Me } from '../shared/contracts/me.js';
import type { Permission } from '../shared/permissions.js';

export type ConfigurePage =
  | 'companies'
  | 'users'
  | 'portals'
  | 'contacts'
  | 'alerts'
  | 'reports'
  | 'seats'
  | 'settings'
  | 'identity'
  | 'audit'
  | 'sessions'
  | 'outbox'
  | 'account';

export interface ConfigureItem {
  page: ConfigurePage;
  path: string;
  icon: Icon;
  /** Shown when the user holds any of these; empty = everyone. */
  anyOf: Permission[];
  /** Built by later work; until then the page says so. */
  available: boolean;
}

/** The Configure grid (every page below on one page); the home page is the operations dashboard. */
export const configurePath = '/configure';

/** The Configure menu, in the order the product lists it. */
export const configureItems: ConfigureItem[] = [
  { page: 'companies', path: '/companies', icon: IconBuildingSkyscraper, anyOf: ['companies.read'], available: true },
  { page: 'users', path: '/users', icon: IconUsers, anyOf: ['users.read'], available: true },
  { page: 'portals', path: '/portals', icon: IconMessageCircle, anyOf: ['portals.read'], available: true },
  { page: 'contacts', path: '/contacts', icon: IconAddressBook, anyOf: ['contacts.read'], available: true },
  { page: 'alerts', path: '/alerts', icon: IconBell, anyOf: ['alerts.read'], available: true },
  { page: 'reports', path: '/reports', icon: IconCalendarStats, anyOf: ['reports.read'], available: true },
  { page: 'seats', path: '/seats', icon: IconDeviceDesktop, anyOf: ['seats.read'], available: true },
  { page: 'settings', path: '/settings', icon: IconSettings, anyOf: ['settings.read'], available: true },
  { page: 'identity', path: '/identity', icon: IconKey, anyOf: ['identity.manage'], available: true },
  { page: 'audit', path: '/audit', icon: IconHistory, anyOf: ['audit.read', 'audit.readOwn'], available: true },
  { page: 'sessions', path: '/sessions', icon: IconScreenShare, anyOf: ['sessions.read'], available: true },
  { page: 'outbox', path: '/outbox', icon: IconMail, anyOf: ['outbox.read'], available: true },
  { page: 'account', path: '/account', icon: IconUserCircle, anyOf: [], available: true },
];

export function itemFor(page: ConfigurePage): ConfigureItem {
  const item = configureItems.find((i) => i.page === page);
  if (!item) throw new Error(`Unknown page ${page}`);
  return item;
}

export function mayOpen(me: Me, item: ConfigureItem): boolean {
  return item.anyOf.length === 0 || item.anyOf.some((p) => me.abilities[p] === true);
}

/** The technicians' work areas, in the top bar: live chats and the Service Desk inbox. */
export interface WorkspaceItem {
  labelKey: 'requests.nav' | 'serviceDesk.nav';
  path: string;
  icon: Icon;
  anyOf: Permission[];
}

export const workspaceItems: WorkspaceItem[] = [
  { labelKey: 'requests.nav', path: '/support', icon: IconHeadset, anyOf: ['requests.answer'] },
  { labelKey: 'serviceDesk.nav', path: '/service-desk', icon: IconInbox, anyOf: ['requests.read'] },
];

export function mayWorkIn(me: Me, item: WorkspaceItem): boolean {
  return item.anyOf.some((p) => me.abilities[p] === true);
}
