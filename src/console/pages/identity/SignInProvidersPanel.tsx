import { useBrowserOrigin } from '../../lib/useBrowserValue.js';
import { Alert, Badge, Button, Code, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SsoProvider, SsoTestResult } from '../../../shared/contracts/sso.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { RowDeleteButton, RowEditButton, useFailureNotice } from '../../kit/RowButtons.js';
import { BreakGlassSection } from './BreakGlassSection.js';
import { ProviderModal } from './ProviderModal.js';
import {
  deleteSsoProvider,
  refreshSsoProviders,
  testSsoProvider,
  updateSsoProvider,
  useSsoProviders,
} from './sso-api.js';

/** The providers tab: the account's OpenID Connect providers, each tested, turned on or off, changed, removed. */
export function SignInProvidersPanel() {
  const { t } = useTranslation();
  const providers = useSsoProviders();
  const origin = useBrowserOrigin();
  const queryClient = useQueryClient();
  const failed = useFailureNotice();
  const [editing, setEditing] = useState<SsoProvider | 'new' | null>(null);
  const [tests, setTests] = useState<Record<string, SsoTestResult>>({});
  const refresh = () => refreshSsoProviders(queryClient);
  const toggle = useMutation({
    mutationFn: (p: SsoProvider) => updateSsoProvider(p.id, { enabled: !p.enabled }),
    onSuccess: refresh,
    onError: failed,
  });
  const remove = useMutation({ mutationFn: deleteSsoProvider, onSuccess: refresh, onError: failed });
  const test = useMutation({
    mutationFn: testSsoProvider,
    onSuccess: (result, id) => setTests((all) => ({ ...all, [id]: result })),
    onError: failed,
  });

  if (providers.isPending) return <PageLoader />;
  if (providers.isError) return <LoadError error={providers.error} onRetry={() => void providers.refetch()} />;
  const { items, signInUrl } = providers.data;
  const callbackUrl = items[0]?.callbackUrl ?? `${origin}/api/v1/auth/sso/callback`;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('sso.intro')}
      </Text>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500}>
            {t('sso.signInUrl')}
          </Text>
          <Code>{signInUrl}</Code>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('sso.add')}
        </Button>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t('sso.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="sm" data-testid="sso-providers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sso.fields.name')}</Table.Th>
                <Table.Th>{t('sso.fields.issuer')}</Table.Th>
                <Table.Th>{t('sso.fields.domains')}</Table.Th>
                <Table.Th>{t('sso.fields.enabled')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => {
                const result = tests[p.id];
                return (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text fw={500}>{p.name}</Text>
                      {result ? (
                        <Alert
                          mt="xs"
                          p="xs"
                          color={result.ok ? 'teal' : 'red'}
                          title={result.ok ? t('sso.test.ok') : t(`sso.test.${result.problem}`)}
                        >
                          {result.ok ? result.issuer : result.message}
                        </Alert>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.issuer}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {p.domains.map((d) => (
                          <Badge key={d} variant="light" tt="none">
                            {d}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={p.enabled}
                        aria-label={`${t('sso.fields.enabled')}: ${p.name}`}
                        disabled={toggle.isPending}
                        onChange={() => toggle.mutate(p)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          aria-label={`${t('sso.test.button')}: ${p.name}`}
                          leftSection={<IconPlugConnected size={14} aria-hidden />}
                          loading={test.isPending && test.variables === p.id}
                          onClick={() => test.mutate(p.id)}
                        >
                          {t('sso.test.button')}
                        </Button>
                        <RowEditButton text={t('sso.edit')} row={p.name} onClick={() => setEditing(p)} />
                        <RowDeleteButton
                          text={t('sso.delete')}
                          row={p.name}
                          question={t('sso.deleteQuestion', { name: p.name })}
                          onConfirm={() =>
                            remove.mutate(p.id, {
                              onSuccess: () =>
                                notifications.show({ color: 'teal', message: t('sso.deleted', { name: p.name }) }),
                            })
                          }
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <BreakGlassSection />
      {editing ? (
        <ProviderModal
          provider={editing === 'new' ? null : editing}
          callbackUrl={callbackUrl}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
