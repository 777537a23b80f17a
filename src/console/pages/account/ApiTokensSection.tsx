import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiTokenSchema, createdApiTokenSchema, type ApiToken } from '../../../shared/contracts/api-tokens.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { queryKeys } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { Section } from './Section.js';

const tokenList = listResponse(apiTokenSchema);
type CreatedToken = ApiToken & { token: string };

const expiryChoices = ['7', '30', '90', '365', 'never'] as const;
type ExpiryChoice = (typeof expiryChoices)[number];

function expiryDate(choice: ExpiryChoice): string | null {
  if (choice === 'never') return null;
  return new Date(Date.now() + Number(choice) * 24 * 3600 * 1000).toISOString();
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<{ name: string; expiry: ExpiryChoice }>({
    mode: 'controlled',
    initialValues: { name: '', expiry: '90' },
    validate: { name: v.required },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  const create = useMutation({
    mutationFn: (values: { name: string; expiry: ExpiryChoice }) =>
      api.post(
        '/api-tokens',
        { name: values.name.trim(), expiresAt: expiryDate(values.expiry) },
        { schema: createdApiTokenSchema },
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
      form.reset();
      setProblems([]);
      onCreated(created);
    },
    onError: (error) => {
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      if (unmatched) {
        // expiresAt has no field of its own here: it belongs to the expiry select.
        setProblems(unmatched.filter((u) => !u.startsWith('expiresAt')));
        const expiryProblem = unmatched.find((u) => u.startsWith('expiresAt'));
        if (expiryProblem) form.setFieldError('expiry', expiryProblem.replace(/^expiresAt: /, ''));
      } else {
        setProblems([errorText(t, error, format.locale)]);
      }
    },
  });

  const expiry = form.getValues().expiry;
  const expiryOptions = expiryChoices.map((choice) => ({
    value: choice,
    label:
      choice === 'never'
        ? t('account.tokens.expiry.never')
        : t('account.tokens.expiry.days', { days: format.number(Number(choice)) }),
  }));

  return (
    <Modal opened={opened} onClose={close} title={t('account.tokens.createTitle')} centered>
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('account.tokens.name')}
            description={t('account.tokens.nameHelp')}
            required
            maxLength={limits.tokenName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label={t('account.tokens.expiresIn')}
            data={expiryOptions}
            allowDeselect={false}
            description={
              expiry === 'never'
                ? t('account.tokens.expiry.neverHelp')
                : t('account.tokens.expiry.until', { date: format.date(expiryDate(expiry)) })
            }
            {...form.getInputProps('expiry')}
          />
          <Text size="sm" c="dimmed">
            {t('account.tokens.rightsNote')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('account.tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ShowTokenModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={token !== null}
      onClose={onClose}
      title={t('account.tokens.createdTitle')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {token ? (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('account.tokens.onceTitle')}
          >
            {t('account.tokens.onceMessage')}
          </Alert>
          <div>
            <Text size="sm" fw={500} mb={4} id="created-token-label">
              {t('account.tokens.secretLabel', { name: token.name })}
            </Text>
            <Group gap="xs" wrap="nowrap" align="stretch">
              <Code
                block
                aria-labelledby="created-token-label"
                data-testid="created-token"
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              >
                {token.token}
              </Code>
              <CopyButton value={token.token} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    onClick={copy}
                    color={copied ? 'teal' : undefined}
                    variant={copied ? 'light' : 'filled'}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    style={{ alignSelf: 'center' }}
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              {t('account.tokens.usage')} <Code>Authorization: Bearer …</Code>
            </Text>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('account.tokens.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
      notifications.show({ color: 'teal', message: t('account.tokens.revoked', { name: token?.name ?? '' }) });
      onClose();
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: t('account.tokens.revokeFailed'),
        message: errorText(t, error, locale),
      });
    },
  });
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('account.tokens.revokeTitle')} centered>
      {token ? (
        <Stack gap="md">
          <Text size="sm">{t('account.tokens.revokeMessage', { name: token.name })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(token.id)}
              leftSection={<IconTrash size={16} aria-hidden />}
            >
              {t('account.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

export function ApiTokensSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const tokens = useInfiniteQuery({
    queryKey: queryKeys.apiTokens,
    queryFn: ({ pageParam, signal }) =>
      api.get('/api-tokens', {
        query: { limit: limits.pageSizeDefault, cursor: pageParam },
        schema: tokenList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = tokens.data?.pages.flatMap((page) => page.items) ?? [];
  const expired = (token: ApiToken) => token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now();

  return (
    <Section
      title={t('account.tokens.title')}
      description={t('account.tokens.description')}
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('account.tokens.new')}
        </Button>
      }
    >
      {tokens.isPending ? (
        <PageLoader />
      ) : tokens.isError ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : items.length === 0 ? (
        <Group gap="sm" c="dimmed" py="md" justify="center">
          <IconKey size={20} aria-hidden />
          <Text size="sm">{t('account.tokens.empty')}</Text>
        </Group>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t('account.tokens.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('account.tokens.name')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.prefix')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.created')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.expires')}</Table.Th>
                <Table.Th scope="col">{t('account.tokens.lastUsed')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{format.dateTime(token.createdAt)}</Table.Td>
                  <Table.Td c={expired(token) ? 'red' : undefined}>
                    {token.expiresAt
                      ? expired(token)
                        ? t('account.tokens.expiredOn', { date: format.date(token.expiresAt) })
                        : format.date(token.expiresAt)
                      : t('account.tokens.never')}
                  </Table.Td>
                  <Table.Td>
                    {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('account.tokens.neverUsed')}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label={t('account.tokens.revoke')} withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(token)}
                        aria-label={t('account.tokens.revokeNamed', { name: token.name })}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tokens.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void tokens.fetchNextPage()} loading={tokens.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <ShowTokenModal token={created} onClose={() => setCreated(null)} />
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </Section>
  );
}
