import { Alert, Anchor, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEye, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useSession } from '../../session/api.js';
import { PageGuard } from '../StatusPages.js';
import { useUser } from './api.js';
import { RoleBadge, StatusBadge } from './parts.js';
import { AccessStep } from './AccessStep.js';
import { DetailsStep } from './DetailsStep.js';
import { RoleStep } from './RoleStep.js';
import { SeatsStep } from './SeatsStep.js';
import { UserActions } from './UserActions.js';

/** The editor's sections, each saved alone; `?section=` opens one directly. */
const sections = ['details', 'role', 'access', 'seats'] as const;
type Section = (typeof sections)[number];
const isSection = (value: string | null): value is Section => sections.includes(value as Section);

function UserEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const user = useUser(id);
  const [search, setSearch] = useSearchParams();
  const requested = search.get('section');
  const active: Section = isSection(requested) ? requested : 'details';
  const open = (value: string | null) => {
    if (!isSection(value)) return;
    const next = new URLSearchParams(search);
    if (value === 'details') next.delete('section');
    else next.set('section', value);
    setSearch(next, { replace: true });
  };
  usePageTitle(user.data?.name ?? t('nav.users'));

  if (user.isPending) return <PageLoader />;
  if (user.isError) {
    const missing = user.error instanceof ApiError && user.error.status === 404;
    return (
      <Stack gap="md">
        <BackLink />
        {missing ? (
          <Alert color="gray" variant="light" title={t('users.detail.notFoundTitle')}>
            {t('users.detail.notFound')}
          </Alert>
        ) : (
          <LoadError error={user.error} onRetry={() => void user.refetch()} />
        )}
      </Stack>
    );
  }
  const data = user.data;
  const readOnly = !data.abilities.update;

  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Title order={1} fz={{ base: 26, sm: 30 }}>
            {data.name}
            {data.id === me.user.id ? (
              <Text span c="dimmed" fz="md">
                {' '}
                {t('users.list.you')}
              </Text>
            ) : null}
          </Title>
          <Text c="dimmed" size="sm" style={{ wordBreak: 'break-all' }}>
            {data.email}
          </Text>
          <Group gap="xs" mt={4}>
            <RoleBadge role={data.role} />
            <StatusBadge user={data} />
          </Group>
        </Stack>
        <UserActions user={data} variant="button" showEdit={false} />
      </Group>
      {readOnly ? (
        <Alert variant="light" color="gray" icon={<IconEye size={18} aria-hidden />}>
          {t('users.detail.readOnly')}
        </Alert>
      ) : null}
      {data.lastActiveAdministrator ? (
        <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('users.detail.lastAdministrator')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Tabs value={active} onChange={open}>
          <Tabs.List>
            {sections.map((section) => (
              <Tabs.Tab key={section} value={section} title={t(`users.steps.${section}.description`)}>
                {t(`users.steps.${section}.label`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="details">
            <DetailsStep user={data} />
          </Tabs.Panel>
          <Tabs.Panel value="role">
            <RoleStep user={data} />
          </Tabs.Panel>
          <Tabs.Panel value="access">
            <AccessStep user={data} />
          </Tabs.Panel>
          <Tabs.Panel value="seats">
            <SeatsStep user={data} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/users" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('users.detail.back')}
      </Group>
    </Anchor>
  );
}

export default function UserPage() {
  const { id = '' } = useParams();
  return (
    <PageGuard page="users">
      <UserEditor key={id} id={id} />
    </PageGuard>
  );
}
