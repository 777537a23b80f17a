import { Anchor, Badge, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/Feedback.js';
import { useFailureNotice } from '../../kit/RowButtons.js';
import { refreshBreakGlass, setBreakGlass, useBreakGlass } from './sso-api.js';

/** Whether single sign-on only is on, and the administrators who may still use their password. */
export function BreakGlassSection() {
  const { t } = useTranslation();
  const list = useBreakGlass();
  const queryClient = useQueryClient();
  const failed = useFailureNotice();
  const mark = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) => setBreakGlass(id, on),
    onSuccess: () => refreshBreakGlass(queryClient),
    onError: failed,
  });
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return null;
  const { ssoOnly, administrators } = list.data;
  return (
    <Stack gap="xs" mt="lg" data-testid="break-glass">
      <Title order={3} size="h4">
        {t('sso.breakGlass.title')}
      </Title>
      {/* a div: the badge is one, and a paragraph cannot hold it */}
      <Text size="sm" component="div">
        {t('sso.breakGlass.ssoOnly')}{' '}
        <Badge color={ssoOnly ? 'teal' : 'gray'} variant="light">
          {ssoOnly ? t('sso.breakGlass.on') : t('sso.breakGlass.off')}
        </Badge>{' '}
        <Anchor component={Link} to="/settings" size="sm">
          {t('sso.breakGlass.settingsLink')}
        </Anchor>
      </Text>
      <Text size="sm" c="dimmed">
        {t('sso.breakGlass.help')}
      </Text>
      {administrators.map((a) => (
        <Checkbox
          key={a.id}
          label={`${a.name} (${a.email})`}
          checked={a.breakGlass}
          disabled={mark.isPending}
          onChange={(event) => mark.mutate({ id: a.id, on: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}
