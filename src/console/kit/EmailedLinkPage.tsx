import { Alert, Button, Stack } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Language } from '../../shared/locales.js';
import { ApiError } from '../api/client.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { LoadError, PageLoader } from '../components/Feedback.js';
import { applyLanguage } from '../i18n.js';

export interface EmailedLinkPageProps<Data extends { language: Language }> {
  /** The link's query: what it is for, or 404 for a used, expired, replaced or unknown link. */
  link: UseQueryResult<Data>;
  title: string;
  subtitle: (data: Data) => string;
  /** What a link that no longer works says, and where it sends the person instead. */
  gone: { title: string; text: string; action: string; to: string };
  /** The page's form, once the link is known. */
  children: (data: Data) => ReactNode;
}

/**
 * The public page of an e-mailed link (an invitation, a password reset): it speaks the language the link was
 * written in, once (the person may switch), says plainly when the link no longer works, and otherwise shows the
 * page's form.
 */
export function EmailedLinkPage<Data extends { language: Language }>({
  link,
  title,
  subtitle,
  gone,
  children,
}: EmailedLinkPageProps<Data>) {
  const adopted = useRef(false);
  useEffect(() => {
    if (link.data && !adopted.current) {
      adopted.current = true;
      void applyLanguage(link.data.language);
    }
  }, [link.data]);

  if (link.isPending) return <PageLoader fullScreen />;
  if (link.isError) {
    const isGone = link.error instanceof ApiError && link.error.status === 404;
    return (
      <AuthLayout title={title}>
        {isGone ? (
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconLinkOff size={18} aria-hidden />} title={gone.title}>
              {gone.text}
            </Alert>
            <Button component={Link} to={gone.to} variant="light">
              {gone.action}
            </Button>
          </Stack>
        ) : (
          <LoadError error={link.error} onRetry={() => void link.refetch()} />
        )}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={title} subtitle={subtitle(link.data)}>
      {children(link.data)}
    </AuthLayout>
  );
}
