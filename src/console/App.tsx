import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, StaticRouter } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { ApiError, onUnauthenticated } from './api/client.js';
import { endSession, sessionKeys } from './session/api.js';
import { PageLoader } from './components/Feedback.js';
import { RequireAuth } from './components/RequireAuth.js';
import { Shell } from './components/Shell.js';
import { FormatProvider } from './lib/format.js';
import { LiveProvider } from './live/LiveProvider.js';
import { pageComponent } from './page-components.js';
import { publicPages, shellPages, type PageRoute } from './page-routes.js';
import { NotFoundPage } from './pages/StatusPages.js';
import { localisedTheme } from './theme.js';
import { contrastVariables } from './theme-contrast.js';

function pageRoute({ path, load }: PageRoute) {
  const Page = pageComponent(load);
  return path === '' ? <Route key="" index element={<Page />} /> : <Route key={path} path={path} element={<Page />} />;
}

/**
 * The console's query cache, made in start.tsx so that start-up can ask for the session before the
 * first render (and by the server for each page it renders, with a cache of its own kind).
 */
export function makeQueryClient(queryCache = new QueryCache()) {
  return new QueryClient({
    queryCache,
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

/** The router: the browser's address, or the one the server renders (`location`). */
function Router({ location, children }: { location?: string; children: ReactNode }) {
  return location === undefined ? (
    <BrowserRouter>{children}</BrowserRouter>
  ) : (
    <StaticRouter location={location}>{children}</StaticRouter>
  );
}

export function App({
  i18n,
  queryClient,
  location,
  onHydrated,
}: {
  i18n: I18n;
  queryClient: QueryClient;
  location?: string;
  /** called once the browser has taken over a page the server drew (never on the server) */
  onHydrated?: () => void;
}) {
  useEffect(() => onHydrated?.(), [onHydrated]);
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedMantine>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <SessionExpiry client={queryClient} i18n={i18n} />
          <FormatProvider>
            <Router location={location}>
              <Suspense fallback={<PageLoader fullScreen />}>
                <Routes>
                  {publicPages.map(pageRoute)}
                  <Route
                    element={
                      <RequireAuth>
                        <LiveProvider>
                          <Shell />
                        </LiveProvider>
                      </RequireAuth>
                    }
                  >
                    {shellPages.map(pageRoute)}
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </Router>
          </FormatProvider>
        </QueryClientProvider>
      </LocalisedMantine>
    </I18nextProvider>
  );
}
