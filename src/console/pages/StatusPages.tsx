import { Button, EmptyState, Paper } from '@mantine/core';
import { IconLock, IconMapOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../session/api.js';
import { PageHeader } from '../components/PageHeader.js';
import { itemFor, mayOpen, type ConfigurePage } from '../navigation.js';

function HomeButton() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/" variant="light">
      {t('common.backHome')}
    </Button>
  );
}

function StatusCard({ icon, title, description }: { icon: ReactNode; title: string; description: string }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <EmptyState icon={icon} title={title} description={description} variant="light" py="lg">
        <EmptyState.Actions>
          <HomeButton />
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}

export function ForbiddenPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <StatusCard
        icon={<IconLock size={32} aria-hidden />}
        title={t('forbidden.title')}
        description={t('forbidden.description')}
      />
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <StatusCard
        icon={<IconMapOff size={32} aria-hidden />}
        title={t('notFound.title')}
        description={t('notFound.description')}
      />
    </>
  );
}

/** Shows the page only to those whose abilities allow it. */
export function PageGuard({ page, children }: { page: ConfigurePage; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  if (!mayOpen(me, itemFor(page))) return <ForbiddenPage title={t(`nav.${page}`)} />;
  return <>{children}</>;
}
