import { Alert, Anchor, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEye, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
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

const stepNames = ['details', 'role', 'access', 'seats'] as const;

function UserEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const user = useUser(id);
  const [active, setActive] = useState(0);
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
  const next = () => setActive((s) => Math.min(s + 1, stepNames.length - 1));
  const back = () => setActive((s) => Math.max(s - 1, 0));

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
        <Stepper active={active} onStepClick={setActive} allowNextStepsSelect size="sm" wrap>
          <Stepper.Step label={t('users.steps.details.label')} description={t('users.steps.details.description')}>
            <DetailsStep user={data} onNext={next} />
          </Stepper.Step>
          <Stepper.Step label={t('users.steps.role.label')} description={t('users.steps.role.description')}>
            <RoleStep user={data} onNext={next} onBack={back} />
          </Stepper.Step>
          <Stepper.Step label={t('users.steps.access.label')} description={t('users.steps.access.description')}>
            <AccessStep user={data} onNext={next} onBack={back} />
          </Stepper.Step>
          <Stepper.Step label={t('users.steps.seats.label')} description={t('users.steps.seats.description')}>
            <SeatsStep user={data} onBack={back} />
          </Stepper.Step>
        </Stepper>
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
