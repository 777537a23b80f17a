import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  lazy,
  Suspense,
  useEffect,
  useMemo,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { i18n as I18n } from 'i18next';
import { ApiError, onUnauthenticated } from './api/client.js';
import { endSession, sessionKeys } from './session/api.js';
import { PageLoader } from './components/Feedback.js';
import { RequireAuth } from './components/RequireAuth.js';
import { Shell } from './components/Shell.js';
import { FormatProvider } from './lib/format.js';
import { LiveProvider } from './live/LiveProvider.js';
import { publicPages, shellPages, type PageRoute } from './page-routes.js';
import { NotFoundPage } from './pages/StatusPages.js';
import { localisedTheme } from './theme.js';
import { contrastVariables } from './theme-contrast.js';

/** One lazy component per page module: two addresses of one page keep it mounted between them. */
const lazyPages = new Map<PageRoute['load'], LazyExoticComponent<ComponentType>>();
function lazyPage(load: PageRoute['load']) {
  let page = lazyPages.get(load);
  if (!page) lazyPages.set(load, (page = lazy(load)));
  return page;
}

function pageRoute({ path, load }: PageRoute) {
  const Page = lazyPage(load);
  return path === '' ? <Route key="" index element={<Page />} /> : <Route key={path} path={path} element={<Page />} />;
}

/** The console's query cache, made in main.tsx so that start-up can ask for the session before the first render. */
export function makeQueryClient() {
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

export function App({ i18n, queryClient }: { i18n: I18n; queryClient: QueryClient }) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedMantine>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <SessionExpiry client={queryClient} i18n={i18n} />
          <FormatProvider>
            <BrowserRouter>
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
            </BrowserRouter>
          </FormatProvider>
        </QueryClientProvider>
      </LocalisedMantine>
    </I18nextProvider>
  );
}
