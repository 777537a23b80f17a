import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useLocalStorage } from '@mantine/hooks';
import { IconArrowsRightLeft, IconColumns, IconDeviceDesktop, IconDownload, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  devicePlatforms,
  deviceSorts,
  deviceStatuses,
  type Device,
  type DeviceCsvColumn,
} from '../../../shared/contracts/devices.js';
import { limits } from '../../../shared/limits.js';
import { api, apiBase, queryString } from '../../api/client.js';
import { can, useSession } from '../../api/queries.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { ListFooter } from '../../components/ListFooter.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useCompanyFilter } from '../../company-filter/useCompanyFilter.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { ForbiddenPage } from '../StatusPages.js';
import { useCompanyChoices } from '../users/api.js';
import { deviceKeys, deviceList, useDeviceCount, useLiveDevices, type DeviceListFilters } from './api.js';
import { MoveDevicesModal } from './MoveDevicesModal.js';
import { DeviceStatusBadge, OsText, TagList } from './parts.js';

/** Columns one may show or hide; the name is always there. Each maps to the CSV column it exports. */
const optionalColumns = [
  'company',
  'status',
  'os',
  'hostname',
  'ipAddresses',
  'tags',
  'lastSeen',
  'enrolled',
  'agentVersion',
] as const;
type Column = (typeof optionalColumns)[number];
const defaultColumns: Column[] = ['company', 'status', 'os', 'ipAddresses', 'tags', 'lastSeen'];
const csvOf: Record<Column, DeviceCsvColumn[]> = {
  company: ['company'],
  status: ['status'],
  os: ['platform', 'os', 'osVersion'],
  hostname: ['hostname'],
  ipAddresses: ['ipAddresses'],
  tags: ['tags'],
  lastSeen: ['lastSeenAt'],
  enrolled: ['enrolledAt'],
  agentVersion: ['agentVersion'],
};
const sortChoices = deviceSorts.flatMap((sort) => [`${sort}:asc`, `${sort}:desc`] as const);

function Cell({ device, column }: { device: Device; column: Column }) {
  const format = useFormat();
  switch (column) {
    case 'company':
      return <Text size="sm">{device.company.name}</Text>;
    case 'status':
      return <DeviceStatusBadge device={device} />;
    case 'os':
      return <OsText device={device} />;
    case 'hostname':
      return <Text size="sm">{device.hostname}</Text>;
    case 'ipAddresses':
      return (
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {device.ipAddresses.join(', ')}
        </Text>
      );
    case 'tags':
      return <TagList tags={device.tags} />;
    case 'lastSeen':
      return <Text size="sm">{format.dateTime(device.lastSeenAt)}</Text>;
    case 'enrolled':
      return <Text size="sm">{format.dateTime(device.enrolledAt)}</Text>;
    case 'agentVersion':
      return <Text size="sm">{device.agentVersion}</Text>;
  }
}

function DevicesList() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const { listQuery } = useCompanyFilter();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [tag, setTag] = useState(params.get('tag') ?? '');
  const [debouncedTag] = useDebouncedValue(tag.trim(), 300);
  const [columns, setColumns] = useLocalStorage<Column[]>({
    key: 'tandem.devices.columns',
    defaultValue: defaultColumns,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [moving, setMoving] = useState(false);
  useLiveDevices(queryClient);

  const status = params.get('status') ?? '';
  const platform = params.get('platform') ?? '';
  const company = params.get('companyId') ?? listQuery.companyId ?? '';
  const sort = (sortChoices as readonly string[]).includes(params.get('sort') ?? '') ? params.get('sort')! : 'name:asc';
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of [
          ['q', debounced],
          ['tag', debouncedTag],
        ] as const) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next.toString() === current.toString() ? current : next;
      },
      { replace: true },
    );
  }, [debounced, debouncedTag, setParams]);

  const filters: DeviceListFilters = useMemo(() => {
    const [sortBy, order] = sort.split(':') as [DeviceListFilters['sort'], DeviceListFilters['order']];
    return {
      q: debounced || undefined,
      companyId: company || undefined,
      status: (deviceStatuses as readonly string[]).includes(status)
        ? (status as DeviceListFilters['status'])
        : undefined,
      platform: (devicePlatforms as readonly string[]).includes(platform)
        ? (platform as DeviceListFilters['platform'])
        : undefined,
      tag: debouncedTag || undefined,
      sort: sortBy,
      order,
    };
  }, [debounced, company, status, platform, debouncedTag, sort]);
  // a new filter starts a new selection
  useEffect(() => setSelected(new Set()), [filters]);

  const devices = useInfiniteQuery({
    queryKey: deviceKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get('/devices', {
        query: { ...filters, limit: limits.pageSizeDefault, cursor: pageParam },
        schema: deviceList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const count = useDeviceCount({ ...filters, sort: undefined, order: undefined });
  const items: Device[] = devices.data?.pages.flatMap((p) => p.items) ?? [];
  const shownColumns = optionalColumns.filter((c) => columns.includes(c));
  const exportHref = `${apiBase}/devices/export.csv${queryString({ ...filters, columns: ['name', ...shownColumns.flatMap((c) => csvOf[c])].join(',') })}`;
  const mayMove = can(me, 'devices.move');
  const allSelected = items.length > 0 && items.every((d) => selected.has(d.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else if (next.size < limits.deviceMoveBatch) next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title={t('devices.title')}
        description={t('devices.description')}
        actions={
          <>
            <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
                  {t('devices.list.columns')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {optionalColumns.map((c) => (
                  <Menu.Item key={c}>
                    <Checkbox
                      label={c === 'company' ? words.singular : t(`devices.columns.${c}`)}
                      checked={columns.includes(c)}
                      onChange={(e) =>
                        setColumns(e.currentTarget.checked ? [...columns, c] : columns.filter((x) => x !== c))
                      }
                    />
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button
              component="a"
              href={exportHref}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('devices.list.export')}
            </Button>
            {mayMove ? (
              <Button
                leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
                disabled={selected.size === 0}
                onClick={() => setMoving(true)}
              >
                {t('devices.list.move', { count: selected.size })}
              </Button>
            ) : null}
          </>
        }
      />
      <Paper withBorder radius="md" p="md" mb="lg" component="section" aria-label={t('devices.list.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
          <TextInput
            label={t('devices.list.search')}
            placeholder={t('devices.list.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={limits.search}
            type="search"
          />
          <Select
            label={words.singular}
            data={[{ value: 'any', label: t('devices.list.anyCompany', labelOptions(words)) }, ...companies.options]}
            value={company || 'any'}
            onChange={(value) => setParam('companyId', value === 'any' ? null : value)}
            allowDeselect={false}
            searchable
          />
          <Select
            label={t('devices.columns.status')}
            data={[
              { value: 'any', label: t('devices.list.anyStatus') },
              ...deviceStatuses.map((s) => ({ value: s, label: t(`devices.status.${s}`) })),
            ]}
            value={status || 'any'}
            onChange={(value) => setParam('status', value === 'any' ? null : value)}
            allowDeselect={false}
          />
          <Select
            label={t('devices.columns.os')}
            data={[
              { value: 'any', label: t('devices.list.anyPlatform') },
              ...devicePlatforms.map((p) => ({ value: p, label: t(`devices.platforms.${p}`) })),
            ]}
            value={platform || 'any'}
            onChange={(value) => setParam('platform', value === 'any' ? null : value)}
            allowDeselect={false}
          />
          <TextInput
            label={t('devices.columns.tags')}
            value={tag}
            onChange={(e) => setTag(e.currentTarget.value)}
            maxLength={limits.deviceTag}
          />
          <Select
            label={t('devices.list.sort')}
            data={sortChoices.map((c) => ({
              value: c,
              label: t(`devices.list.sorts.${c.replace(':', '_') as 'name_asc'}`),
            }))}
            value={sort}
            onChange={(value) => setParam('sort', value === 'name:asc' ? null : value)}
            allowDeselect={false}
          />
        </SimpleGrid>
      </Paper>

      {devices.isPending ? (
        <PageLoader />
      ) : devices.isError ? (
        <LoadError error={devices.error} onRetry={() => void devices.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="xs" c="dimmed">
            <IconDeviceDesktop size={28} aria-hidden />
            <Text size="sm">{t('devices.list.empty')}</Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover aria-label={t('devices.title')}>
              <Table.Thead>
                <Table.Tr>
                  {mayMove ? (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('devices.list.selectAll')}
                        checked={allSelected}
                        indeterminate={selected.size > 0 && !allSelected}
                        onChange={() =>
                          setSelected(
                            allSelected ? new Set() : new Set(items.slice(0, limits.deviceMoveBatch).map((d) => d.id)),
                          )
                        }
                      />
                    </Table.Th>
                  ) : null}
                  <Table.Th scope="col">{t('devices.columns.name')}</Table.Th>
                  {shownColumns.map((c) => (
                    <Table.Th key={c} scope="col">
                      {c === 'company' ? words.singular : t(`devices.columns.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((device) => (
                  <Table.Tr
                    key={device.id}
                    data-device={device.name}
                    bg={selected.has(device.id) ? 'var(--mantine-color-blue-light)' : undefined}
                  >
                    {mayMove ? (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('devices.list.select', { name: device.name })}
                          checked={selected.has(device.id)}
                          onChange={() => toggle(device.id)}
                        />
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/devices/${device.id}`}
                        fw={500}
                        size="sm"
                        style={{ wordBreak: 'break-word' }}
                      >
                        {device.name}
                      </Anchor>
                    </Table.Td>
                    {shownColumns.map((c) => (
                      <Table.Td key={c}>
                        <Cell device={device} column={c} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {items.length > 0 ? (
        <ListFooter
          shownText={
            count.data
              ? t('devices.list.shownOf', {
                  shown: format.number(items.length),
                  total: format.number(count.data.count),
                })
              : t('devices.list.shown', { shown: format.number(items.length) })
          }
          pages={devices}
        />
      ) : null}
      {selected.size > 0 ? (
        <Group mt="xs">
          <Badge variant="light">{t('devices.list.selected', { count: selected.size })}</Badge>
        </Group>
      ) : null}
      {mayMove ? (
        <MoveDevicesModal
          opened={moving}
          onClose={() => setMoving(false)}
          deviceIds={[...selected]}
          onMoved={() => setSelected(new Set())}
        />
      ) : null}
    </>
  );
}

export default function DevicesPage() {
  const { t } = useTranslation();
  const me = useSession();
  if (!can(me, 'devices.read')) return <ForbiddenPage title={t('devices.title')} />;
  return <DevicesList />;
}
