import { ActionIcon, Badge, Button, Group, Table, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail, CompanyUser } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { refusalOf } from '../../../shared/refusals.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, fetchCompanyUsers, refreshCompanies, revokeAccess } from './api.js';

/** Takes a user's granted access away (said why when it is their only company, or they reach all). */
function useRevoke(companyId: string) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: CompanyUser) => revokeAccess(companyId, user.id),
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
}

/** The users who reach the company, in pages; those who may manage access can take a grant away. */
export function AccessTable({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation();
  const manage = company.abilities.manageAccess;
  const revoke = useRevoke(company.id);
  const users = useInfiniteQuery({
    queryKey: companyKeys.users(company.id, 'access', ''),
    queryFn: ({ pageParam, signal }) =>
      fetchCompanyUsers(company.id, { scope: 'access', limit: limits.pageSizeDefault, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (users.isPending) return <PageLoader />;
  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;
  const items = users.data.pages.flatMap((p) => p.items);
  return (
    <>
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
                          loading={revoke.isPending && revoke.variables.id === user.id}
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
      {users.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
