import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { ApiError, onUnauthenticated } from './api/client.js';
import { endSession, sessionKeys } from './session/api.js';
import { PageLoader } from './components/Feedback.js';
import { RequireAuth } from './components/RequireAuth.js';
import { Shell } from './components/Shell.js';
import { LiveProvider } from './live/LiveProvider.js';
import { NotFoundPage } from './pages/StatusPages.js';
import { localisedTheme } from './theme.js';
import { contrastVariables } from './theme-contrast.js';

const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const SetupPage = lazy(() => import('./pages/SetupPage.js'));
const HomePage = lazy(() => import('./pages/HomePage.js'));
const ConfigurePage = lazy(() => import('./pages/ConfigurePage.js'));
const AccountPage = lazy(() => import('./pages/AccountPage.js'));
const AuditPage = lazy(() => import('./pages/AuditPage.js'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.js'));
const UserPage = lazy(() => import('./pages/users/UserPage.js'));
const InvitationPage = lazy(() => import('./pages/users/InvitationPage.js'));
const ForgotPasswordPage = lazy(() => import('./pages/login/ForgotPasswordPage.js'));
const PasswordResetPage = lazy(() => import('./pages/login/PasswordResetPage.js'));
const CompaniesPage = lazy(() => import('./pages/companies/CompaniesPage.js'));
const CompanyPage = lazy(() => import('./pages/companies/CompanyPage.js'));
const SeatsPage = lazy(() => import('./pages/SeatsPage.js'));
const OutboxPage = lazy(() => import('./pages/OutboxPage.js'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage.js'));
const PortalsPage = lazy(() => import('./pages/portals/PortalsPage.js'));
const PortalPage = lazy(() => import('./pages/portals/PortalPage.js'));
const SupportPage = lazy(() => import('./pages/support/SupportPage.js'));
const ServiceDeskPage = lazy(() => import('./pages/service-desk/ServiceDeskPage.js'));
const CannedRepliesPage = lazy(() => import('./pages/support/CannedRepliesPage.js'));
const SatisfactionPage = lazy(() => import('./pages/support/SatisfactionPage.js'));
const ContactsPage = lazy(() => import('./pages/contacts/ContactsPage.js'));
const ContactPage = lazy(() => import('./pages/contacts/ContactPage.js'));
const ContactVerificationPage = lazy(() => import('./pages/contacts/VerificationPage.js'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage.js'));
const ReportSchedulePage = lazy(() => import('./pages/reports/SchedulePage.js'));
const DevicesPage = lazy(() => import('./pages/devices/DevicesPage.js'));
const DevicePage = lazy(() => import('./pages/devices/DevicePage.js'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage.js'));
const SessionsPage = lazy(() => import('./pages/sessions/SessionsPage.js'));
const SessionDetailPage = lazy(() => import('./pages/sessions/SessionDetailPage.js'));
const LiveSessionPage = lazy(() => import('./pages/sessions/LiveSessionPage.js'));

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache(),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: {
        // Client errors (4xx) won't fix themselves; retry only network and server trouble.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

function SessionExpiry({ client, i18n }: { client: QueryClient; i18n: I18n }) {
  useEffect(() => {
    onUnauthenticated(() => {
      if (client.getQueryData(sessionKeys.me) == null) return;
      endSession(client);
      notifications.show({ id: 'session-ended', color: 'yellow', message: i18n.t('shell.sessionEnded') });
    });
    return () => onUnauthenticated(null);
  }, [client, i18n]);
  return null;
}

function LocalisedMantine({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  // `t` may keep its identity when the language changes: the language is what the labels follow
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const theme = useMemo(() => localisedTheme(t), [t, language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={contrastVariables}>
      {children}
    </MantineProvider>
  );
}

export function App({ i18n }: { i18n: I18n }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedMantine>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <SessionExpiry client={queryClient} i18n={i18n} />
          <BrowserRouter>
            <Suspense fallback={<PageLoader fullScreen />}>
              <Routes>
                <Route path="/setup" element={<SetupPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/invitation/:token" element={<InvitationPage />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
                <Route path="/password-reset/:token" element={<PasswordResetPage />} />
                <Route path="/contact-verification/:token" element={<ContactVerificationPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <LiveProvider>
                        <Shell />
                      </LiveProvider>
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="configure" element={<ConfigurePage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="outbox" element={<OutboxPage />} />
                  <Route path="companies" element={<CompaniesPage />} />
                  <Route path="companies/:id/*" element={<CompanyPage />} />
                  <Route path="users" element={<UsersPage />} />
                  <Route path="users/:id" element={<UserPage />} />
                  <Route path="portals" element={<PortalsPage />} />
                  <Route path="portals/:companyId" element={<PortalPage />} />
                  <Route path="support" element={<SupportPage />} />
                  <Route path="support/:id" element={<SupportPage />} />
                  <Route path="support/canned-replies" element={<CannedRepliesPage />} />
                  <Route path="support/satisfaction" element={<SatisfactionPage />} />
                  <Route path="sessions" element={<SessionsPage />} />
                  <Route path="sessions/:id" element={<SessionDetailPage />} />
                  <Route path="sessions/:id/live" element={<LiveSessionPage />} />
                  <Route path="service-desk" element={<ServiceDeskPage />} />
                  <Route path="service-desk/:id" element={<ServiceDeskPage />} />
                  <Route path="contacts" element={<ContactsPage />} />
                  <Route path="contacts/:id" element={<ContactPage />} />
                  <Route path="reports" element={<ReportsPage />} />
                  <Route path="reports/:id" element={<ReportSchedulePage />} />
                  <Route path="alerts" element={<AlertsPage />} />
                  <Route path="seats" element={<SeatsPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  <Route path="devices" element={<DevicesPage />} />
                  <Route path="devices/:id" element={<DevicePage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </LocalisedMantine>
    </I18nextProvider>
  );
}
