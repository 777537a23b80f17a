import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../session/api.js';
import { Container } from '@mantine/core';
import { LoadError, PageLoader } from './Feedback.js';

/** Renders its children only for a signed-in person; others go to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoader fullScreen />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <LoadError error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!me.data) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={from !== '/' ? { from } : undefined} />;
  }
  // security.requireTwoFactor: the server allows nothing else until a second factor is set up
  if (me.data.mustEnrolTwoFactor && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <>{children}</>;
}
