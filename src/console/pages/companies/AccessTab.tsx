import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  type ComboboxItem,
  type OptionsFilter,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconMailPlus, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyDetail, CompanyUser } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { refusalOf } from '../../../shared/refusals.js';
import { api, ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, companyUserList, refreshCompanies } from './api.js';
import { Section } from '../account/Section.js';

const keepAll: OptionsFilter = ({ options }) => options;

/** Finds a user who does not reach the company yet, and gives them access. */
function GrantAccess({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [choice, setChoice] = useState<ComboboxItem | null>(null);
  const q = choice && search === choice.label ? '' : debounced;
  const candidates = useQuery({
    queryKey: companyKeys.users(company.id, 'candidates', q),
    queryFn: ({ signal }) =>
      api.get(`/companies/${company.id}/users`, {
        query: { scope: 'candidates', limit: 50, q },
        schema: companyUserList,
        signal,
      }),
  });
  const data: ComboboxItem[] = (candidates.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.name} <${u.email}>`,
  }));
  if (choice && !data.some((d) => d.value === choice.value)) data.push(choice);
  const grant = useMutation({
    mutationFn: (userId: string) => api.put<void>(`/companies/${company.id}/users/${userId}`, undefined),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: t('companies.access.grantedNotice', { name: choice?.label.replace(/ <.*>$/, '') ?? '' }),
      });
      setChoice(null);
      setSearch('');
      refreshCompanies(queryClient);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const none = candidates.isSuccess && !q && data.length === 0;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) grant.mutate(choice.value);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('companies.access.grantLabel')}
          placeholder={none ? t('companies.access.noCandidates') : t('companies.access.grantPlaceholder')}
          data={data}
          value={choice?.value ?? null}
          onChange={(_value, option) => setChoice(option ?? null)}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={keepAll}
          disabled={none}
          maxLength={limits.search}
          nothingFoundMessage={t('common.nothingFound')}
          style={{ flex: '1 1 280px' }}
        />
        <Button
          type="submit"
          leftSection={<IconUserPlus size={16} aria-hidden />}
          disabled={!choice}
          loading={grant.isPending}
        >
          {t('companies.access.grant')}
        </Button>
      </Group>
    </form>
  );
}

export function AccessTab({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const manage = company.abilities.manageAccess;
  const users = useInfiniteQuery({
    queryKey: companyKeys.users(company.id, 'access', ''),
    queryFn: ({ pageParam, signal }) =>
      api.get(`/companies/${company.id}/users`, {
        query: { scope: 'access', limit: limits.pageSizeDefault, cursor: pageParam },
        schema: companyUserList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: company.abilities.viewAccess,
  });
  const revoke = useMutation({
    mutationFn: (user: CompanyUser) => api.delete(`/companies/${company.id}/users/${user.id}`),
    onSuccess: (_data, user) => {
      notifications.show({ color: 'teal', message: t('companies.access.removed', { name: user.name }) });
      refreshCompanies(queryClient);
    },
    onError: (error, user) => {
      const reason = error instanceof ApiError ? refusalOf(error.details)?.reason : undefined;
      const message =
        reason === 'only_company'
          ? t('companies.access.onlyCompany', { name: user.name })
          : reason === 'all_companies'
            ? t('companies.access.allCompanies', { name: user.name })
            : errorText(t, error, locale);
      notifications.show({ color: 'red', message });
    },
  });

  if (!company.abilities.viewAccess) {
    return (
      <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
        {t('forbidden.description')}
      </Alert>
    );
  }
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Section title={t('companies.access.title')} description={t('companies.access.description')}>
      {manage ? (
        <Stack gap="sm">
          <GrantAccess company={company} />
          <Group>
            <Button
              component={Link}
              to={`/users?invite=1&companyId=${encodeURIComponent(company.id)}`}
              variant="light"
              leftSection={<IconMailPlus size={16} aria-hidden />}
            >
              {t('companies.access.invite')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('companies.access.readOnly')}
        </Text>
      )}
      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" aria-label={t('companies.access.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('companies.access.columns.name')}</Table.Th>
                <Table.Th scope="col">{t('companies.access.columns.email')}</Table.Th>
                <Table.Th scope="col">{t('companies.access.columns.role')}</Table.Th>
                <Table.Th scope="col">{t('companies.access.columns.access')}</Table.Th>
                {manage ? (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td fw={500}>
                    {user.name}
                    {user.status !== 'active' ? (
                      <Badge ml="xs" size="sm" variant="light" color={user.status === 'disabled' ? 'red' : 'yellow'}>
                        {t(`companies.access.status.${user.status}`)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={user.access === 'all' ? 'indigo' : 'teal'}>
                      {user.access === 'all' ? t('companies.access.all') : t('companies.access.granted')}
                    </Badge>
                  </Table.Td>
                  {manage ? (
                    <Table.Td ta="right">
                      {user.access === 'granted' ? (
                        <Tooltip label={t('companies.access.remove')} withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('companies.access.removeNamed', { name: user.name })}
                            loading={revoke.isPending && revoke.variables?.id === user.id}
                            onClick={() => revoke.mutate(user)}
                          >
                            <IconUserMinus size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {users.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </Section>
  );
}
