import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconEye, IconFileImport, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { userSorts, type ManagedUser } from '../../../shared/contracts/users.js';
import { modules } from '../../../shared/licence.js';
import { limits } from '../../../shared/limits.js';
import { roles } from '../../../shared/permissions.js';
import { ListFooter } from '../../components/ListFooter.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { can, useSession } from '../../session/api.js';
import { PageGuard } from '../StatusPages.js';
import { fetchUserPage, useCompanyChoices, userExportHref, userKeys, type ListFilters } from './api.js';
import { ImportModal } from './ImportModal.js';
import { InviteModal } from './InviteModal.js';
import { CompanyAccessText, RoleBadge, SeatBadges, StatusBadge } from './parts.js';
import { UserActions } from './UserActions.js';

const statuses = ['invited', 'active', 'disabled'] as const;
/** One select for seats: any, a module's holders, or nobody holding one. */
const seatChoices = ['any', ...modules, 'none'] as const;
type SeatChoice = (typeof seatChoices)[number];
const sortChoices = userSorts.flatMap((sort) => [`${sort}:asc`, `${sort}:desc`] as const);

function seatQuery(choice: SeatChoice): Pick<ListFilters, 'module' | 'hasSeat'> {
  if (choice === 'none') return { hasSeat: 'false' };
  if (choice === 'any') return {};
  return { module: choice };
}

function UsersList() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const { listQuery, companyId: switcherCompany } = useCompanyFilter();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const manage = can(me, 'users.manage');

  const role = params.get('role') ?? '';
  const status = params.get('status') ?? '';
  const seat = (seatChoices as readonly string[]).includes(params.get('seat') ?? '')
    ? (params.get('seat') as SeatChoice)
    : 'any';
  const sort = (sortChoices as readonly string[]).includes(params.get('sort') ?? '') ? params.get('sort')! : 'name:asc';
  const inviting = manage && params.get('invite') === '1';
  const inviteCompany = params.get('companyId');
  const [importing, setImporting] = useState(false);

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  // the search box writes to the address once typing pauses
  useEffect(() => {
    setParams(
      (current) => {
        if ((current.get('q') ?? '') === debounced) return current;
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const filters: ListFilters = useMemo(() => {
    const [sortBy, order] = sort.split(':') as [ListFilters['sort'], ListFilters['order']];
    return {
      q: debounced || undefined,
      role: (roles as readonly string[]).includes(role) ? (role as ListFilters['role']) : undefined,
      status: (statuses as readonly string[]).includes(status) ? (status as ListFilters['status']) : undefined,
      ...seatQuery(seat),
      ...listQuery,
      sort: sortBy,
      order,
    };
  }, [debounced, role, status, seat, sort, listQuery]);

  const users = useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchUserPage(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: ManagedUser[] = users.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q || filters.role || filters.status || seat !== 'any');
  const exportHref = userExportHref(filters);

  const closeInvite = () => {
    const next = new URLSearchParams(params);
    next.delete('invite');
    next.delete('companyId');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={manage ? t('users.list.description') : t('users.list.descriptionReadOnly')}
        actions={
          <>
            <Button
              component="a"
              href={exportHref}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('users.list.export')}
            </Button>
            {manage ? (
              <>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={16} aria-hidden />}
                  onClick={() => setImporting(true)}
                >
                  {t('users.list.import')}
                </Button>
                <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setParam('invite', '1')}>
                  {t('users.list.invite')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {!manage ? (
        <Alert variant="light" color="gray" icon={<IconEye size={18} aria-hidden />} mb="md">
          {t('users.list.readOnly')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('users.list.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <TextInput
            label={t('users.list.search')}
            placeholder={t('users.list.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={limits.search}
            type="search"
          />
          <Select
            label={t('users.fields.role')}
            data={[
              { value: 'any', label: t('users.list.anyRole') },
              ...roles.map((r) => ({ value: r, label: t(`roles.${r}`) })),
            ]}
            value={role || 'any'}
            onChange={(value) => setParam('role', value === 'any' ? null : value)}
            allowDeselect={false}
          />
          <Select
            label={t('users.fields.status')}
            data={[
              { value: 'any', label: t('users.list.anyStatus') },
              ...statuses.map((s) => ({ value: s, label: t(`users.status.${s}`) })),
            ]}
            value={status || 'any'}
            onChange={(value) => setParam('status', value === 'any' ? null : value)}
            allowDeselect={false}
          />
          <Select
            label={t('users.list.seat')}
            data={seatChoices.map((c) => ({ value: c, label: t(`users.list.seats.${c}`) }))}
            value={seat}
            onChange={(value) => setParam('seat', value === 'any' ? null : value)}
            allowDeselect={false}
          />
          <Select
            label={t('users.list.sort')}
            data={sortChoices.map((c) => ({
              value: c,
              label: t(`users.list.sorts.${c.replace(':', '_') as 'name_asc'}`),
            }))}
            value={sort}
            onChange={(value) => setParam('sort', value === 'name:asc' ? null : value)}
            allowDeselect={false}
          />
        </SimpleGrid>
        {switcherCompany ? (
          <Group mt="sm" gap="xs">
            <Badge variant="light">
              {t('users.list.companyFiltered', {
                ...labelOptions(words),
                company: companies.nameOf(switcherCompany) ?? '…',
              })}
            </Badge>
          </Group>
        ) : null}
      </Paper>

      {users.isPending ? (
        <PageLoader />
      ) : users.isError ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs" c="dimmed">
            <IconUsers size={28} aria-hidden />
            <Text size="sm">{filtered || switcherCompany ? t('users.list.emptyFiltered') : t('users.list.empty')}</Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('nav.users')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.list.columns.user')}</Table.Th>
                  <Table.Th scope="col">{t('users.fields.role')}</Table.Th>
                  <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
                  <Table.Th scope="col">{words.plural}</Table.Th>
                  <Table.Th scope="col">{t('users.list.columns.seats')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((user) => (
                  <Table.Tr key={user.id} data-user={user.email}>
                    <Table.Td>
                      <Stack gap={0}>
                        <Anchor component={Link} to={`/users/${user.id}`} fw={500} size="sm">
                          {user.name}
                          {user.id === me.user.id ? (
                            <Text span c="dimmed" size="xs">
                              {' '}
                              {t('users.list.you')}
                            </Text>
                          ) : null}
                        </Anchor>
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {user.email}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={user.role} />
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge user={user} />
                    </Table.Td>
                    <Table.Td maw={260}>
                      <CompanyAccessText access={user.companyAccess} nameOf={companies.nameOf} />
                    </Table.Td>
                    <Table.Td>
                      <SeatBadges seats={user.seats} />
                    </Table.Td>
                    <Table.Td w={48}>
                      <UserActions user={user} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 ? (
        <ListFooter shownText={t('users.list.shown', { shown: format.number(items.length) })} pages={users} />
      ) : null}

      {manage ? (
        <InviteModal key={inviteCompany ?? 'none'} opened={inviting} onClose={closeInvite} companyId={inviteCompany} />
      ) : null}
      {manage ? <ImportModal opened={importing} onClose={() => setImporting(false)} /> : null}
    </>
  );
}

export default function UsersPage() {
  return (
    <PageGuard page="users">
      <UsersList />
    </PageGuard>
  );
}
