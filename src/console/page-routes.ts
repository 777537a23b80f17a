import type { ComponentType } from 'react';

/**
 * Which page each address of the console opens, and how its chunk is fetched: App.tsx builds its
 * routes from these lists and first-page.ts preloads from them, so the two cannot drift apart.
 * Paths are React Router's (relative inside the signed-in shell; '' is its index).
 */
export interface PageRoute {
  path: string;
  load: () => Promise<{ default: ComponentType }>;
}

const supportPage = () => import('./pages/support/SupportPage.js');
const serviceDeskPage = () => import('./pages/service-desk/ServiceDeskPage.js');

/** Pages shown without the shell: signing in, the first run, links sent by e-mail. */
export const publicPages: PageRoute[] = [
  { path: '/setup', load: () => import('./pages/SetupPage.js') },
  { path: '/login', load: () => import('./pages/LoginPage.js') },
  { path: '/invitation/:token', load: () => import('./pages/users/InvitationPage.js') },
  { path: '/forgot-password', load: () => import('./pages/login/ForgotPasswordPage.js') },
  { path: '/password-reset/:token', load: () => import('./pages/login/PasswordResetPage.js') },
  { path: '/contact-verification/:token', load: () => import('./pages/contacts/VerificationPage.js') },
];

/** Pages of the signed-in console, inside its shell. The same loader twice: one page, kept mounted between them. */
export const shellPages: PageRoute[] = [
  { path: '', load: () => import('./pages/HomePage.js') },
  { path: 'configure', load: () => import('./pages/ConfigurePage.js') },
  { path: 'account', load: () => import('./pages/AccountPage.js') },
  { path: 'audit', load: () => import('./pages/AuditPage.js') },
  { path: 'outbox', load: () => import('./pages/OutboxPage.js') },
  { path: 'companies', load: () => import('./pages/companies/CompaniesPage.js') },
  { path: 'companies/:id/*', load: () => import('./pages/companies/CompanyPage.js') },
  { path: 'users', load: () => import('./pages/users/UsersPage.js') },
  { path: 'users/:id', load: () => import('./pages/users/UserPage.js') },
  { path: 'portals', load: () => import('./pages/portals/PortalsPage.js') },
  { path: 'portals/:companyId', load: () => import('./pages/portals/PortalPage.js') },
  { path: 'support', load: supportPage },
  { path: 'support/:id', load: supportPage },
  { path: 'support/canned-replies', load: () => import('./pages/support/CannedRepliesPage.js') },
  { path: 'support/satisfaction', load: () => import('./pages/support/SatisfactionPage.js') },
  { path: 'sessions', load: () => import('./pages/sessions/SessionsPage.js') },
  { path: 'sessions/:id', load: () => import('./pages/sessions/SessionDetailPage.js') },
  { path: 'sessions/:id/live', load: () => import('./pages/sessions/LiveSessionPage.js') },
  { path: 'service-desk', load: serviceDeskPage },
  { path: 'service-desk/:id', load: serviceDeskPage },
  { path: 'contacts', load: () => import('./pages/contacts/ContactsPage.js') },
  { path: 'contacts/:id', load: () => import('./pages/contacts/ContactPage.js') },
  { path: 'reports', load: () => import('./pages/reports/ReportsPage.js') },
  { path: 'reports/:id', load: () => import('./pages/reports/SchedulePage.js') },
  { path: 'alerts', load: () => import('./pages/alerts/AlertsPage.js') },
  { path: 'seats', load: () => import('./pages/SeatsPage.js') },
  { path: 'settings', load: () => import('./pages/settings/SettingsPage.js') },
  { path: 'identity', load: () => import('./pages/identity/IdentityPage.js') },
  { path: 'devices', load: () => import('./pages/devices/DevicesPage.js') },
  { path: 'devices/:id', load: () => import('./pages/devices/DevicePage.js') },
  { path: 'scripts', load: () => import('./pages/scripts/ScriptsPage.js') },
  { path: 'scripts/runs/:id', load: () => import('./pages/scripts/ScriptRunPage.js') },
];
