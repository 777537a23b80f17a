import { Alert, Anchor, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuildingSkyscraper, IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { companyDetailSchema, type CompanySort } from '../../../shared/contracts/companies.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';
import { validators } from '../../api/errors.js';
import { can, useSession } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { ForbiddenPage } from '../StatusPages.js';
import { companyKeys, companyList, refreshCompanies, type ListParams } from './api.js';
import { CompanyAvatar } from './CompanyAvatar.js';
import { CompanyLabelSection } from './CompanyLabelSection.js';
import { ColorField } from './ColorField.js';
import { isColor } from './colors.js';
import { showCompanyFormError } from './form-errors.js';

const sortChoices = [
  'nameAsc',
  'nameDesc',
  'createdDesc',
  'createdAsc',
  'usersDesc',
  'usersAsc',
  'devicesDesc',
  'devicesAsc',
] as const;
type SortChoice = (typeof sortChoices)[number];
const sortOf: Record<SortChoice, { sort: CompanySort; order: 'asc' | 'desc' }> = {
  nameAsc: { sort: 'name', order: 'asc' },
  nameDesc: { sort: 'name', order: 'desc' },
  createdDesc: { sort: 'createdAt', order: 'desc' },
  createdAsc: { sort: 'createdAt', order: 'asc' },
  usersDesc: { sort: 'usersCount', order: 'desc' },
  usersAsc: { sort: 'usersCount', order: 'asc' },
  devicesDesc: { sort: 'devicesCount', order: 'desc' },
  devicesAsc: { sort: 'devicesCount', order: 'asc' },
};
const isSortChoice = (v: string | null): v is SortChoice => (sortChoices as readonly string[]).includes(v ?? '');

interface CreateValues {
  name: string;
  color: string;
}

function CreateCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const form = useForm<CreateValues>({
    mode: 'controlled',
    initialValues: { name: '', color: '' },
    validate: {
      name: v.required,
      color: (value) => (value === '' || isColor(value) ? null : t('companies.fields.colorInvalid')),
    },
  });
  const close = () => {
    form.reset();
    setProblems([]);
    onClose();
  };
  const create = useMutation({
    mutationFn: (values: CreateValues) =>
      api.post(
        '/companies',
        { name: values.name.trim(), color: values.color || null },
        { schema: companyDetailSchema },
      ),
    onSuccess: (company) => {
      refreshCompanies(queryClient);
      notifications.show({ color: 'teal', message: t('companies.create.created', { name: company.name }) });
      close();
      void navigate(`/companies/${company.id}`);
    },
    onError: (error) => showCompanyFormError(form, error, t, locale, setProblems),
  });
  return (
    <Modal opened={opened} onClose={close} title={t('companies.list.new', labelOptions(words))} centered>
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('companies.create.name')}
            required
            maxLength={limits.companyName}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <ColorField {...form.getInputProps('color')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('companies.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export default function CompaniesPage() {
  const { t } = useTranslation();
  const me = useSession();
  const words = useCompanyLabel();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const sortParam = params.get('sort');
  const choice: SortChoice = isSortChoice(sortParam) ? sortParam : 'nameAsc';
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const listParams: ListParams = { q: debounced, ...sortOf[choice] };
  const companies = useInfiniteQuery({
    queryKey: companyKeys.list(listParams),
    queryFn: ({ pageParam, signal }) =>
      api.get('/companies', {
        query: {
          limit: limits.pageSizeDefault,
          cursor: pageParam,
          q: listParams.q,
          sort: listParams.sort,
          order: listParams.order,
        },
        schema: companyList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: can(me, 'companies.read'),
  });

  if (!can(me, 'companies.read')) return <ForbiddenPage title={words.plural} />;

  const items = companies.data?.pages.flatMap((p) => p.items) ?? [];
  const mayCreate = can(me, 'companies.create');
  const sortOptions = sortChoices.map((c) => ({ value: c, label: t(`companies.list.sorts.${c}`) }));

  return (
    <>
      <PageHeader
        title={words.plural}
        description={t('companies.list.description', labelOptions(words))}
        actions={
          mayCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('companies.list.new', labelOptions(words))}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        {!mayCreate ? (
          <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
            {t('companies.list.readOnly')}
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Stack gap="md">
            <Group gap="md" align="flex-end" wrap="wrap">
              <TextInput
                label={t('companies.list.search')}
                type="search"
                leftSection={<IconSearch size={16} aria-hidden />}
                value={search}
                maxLength={limits.search}
                onChange={(event) => setSearch(event.currentTarget.value)}
                style={{ flex: '1 1 240px' }}
              />
              <Select
                label={t('companies.list.sort')}
                data={sortOptions}
                value={choice}
                allowDeselect={false}
                onChange={(value) =>
                  setParams(
                    (current) => {
                      const next = new URLSearchParams(current);
                      if (value && value !== 'nameAsc') next.set('sort', value);
                      else next.delete('sort');
                      return next;
                    },
                    { replace: true },
                  )
                }
                w={{ base: '100%', sm: 320 }}
              />
            </Group>
            {companies.isPending ? (
              <PageLoader />
            ) : companies.isError ? (
              <LoadError error={companies.error} onRetry={() => void companies.refetch()} />
            ) : items.length === 0 ? (
              <Group gap="sm" c="dimmed" py="lg" justify="center">
                <IconBuildingSkyscraper size={20} aria-hidden />
                <Text size="sm">
                  {debounced
                    ? t('companies.list.emptySearch', { q: debounced })
                    : t('companies.list.empty', labelOptions(words))}
                </Text>
              </Group>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="sm" highlightOnHover aria-label={words.plural}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('companies.list.columns.name')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('companies.list.columns.users')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('companies.list.columns.devices')}
                      </Table.Th>
                      <Table.Th scope="col">{t('companies.list.columns.created')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((company) => (
                      <Table.Tr key={company.id}>
                        <Table.Td>
                          <Group gap="sm" wrap="nowrap">
                            <CompanyAvatar company={company} />
                            <Anchor component={Link} to={`/companies/${company.id}`} fw={500}>
                              {company.name}
                            </Anchor>
                          </Group>
                        </Table.Td>
                        <Table.Td ta="right">{format.number(company.usersCount)}</Table.Td>
                        <Table.Td ta="right">{format.number(company.devicesCount)}</Table.Td>
                        <Table.Td>{format.date(company.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {companies.hasNextPage ? (
              <Group justify="center">
                <Button
                  variant="default"
                  onClick={() => void companies.fetchNextPage()}
                  loading={companies.isFetchingNextPage}
                >
                  {t('common.loadMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Paper>
        {can(me, 'account.update') ? <CompanyLabelSection /> : null}
      </Stack>
      {mayCreate ? <CreateCompanyModal opened={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
