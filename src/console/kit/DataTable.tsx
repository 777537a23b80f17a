import { Anchor, Group, Paper, Stack, Table, Text, UnstyledButton, type TableTrProps } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadError, PageLoader } from '../components/Feedback.js';
import { ListFooter } from '../components/ListFooter.js';

export interface DataColumn<Item> {
  key: string;
  header: ReactNode;
  cell: (item: Item) => ReactNode;
  /** The list's sort this header sets (`name` → `name:asc`, then `name:desc`); a plain header without it. */
  sort?: string;
  width?: number | string;
  /** The header is read by screen readers only (e.g. a column of buttons). */
  hiddenHeader?: boolean;
  style?: React.CSSProperties;
}

interface ListState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export interface DataTableProps<Item> {
  label?: string;
  columns: DataColumn<Item>[];
  items: Item[];
  rowKey: (item: Item) => string;
  rowProps?: (item: Item) => TableTrProps & Record<`data-${string}`, string | undefined>;
  /** The list's query: its loading, error and "load more" states. */
  query: ListState;
  /** Shown when the list has no row. */
  empty: { icon?: ReactNode; text: string };
  /** "N shown" under the table (with "Load more" while more follow). */
  shownText?: string;
  endText?: string;
  minWidth?: number;
  verticalSpacing?: 'xs' | 'sm';
  highlightOnHover?: boolean;
  /** `card`: the table is its own bordered card; `inset`: it sits inside one (a card holding filters). */
  variant?: 'card' | 'inset';
  /** The current sort (`name:asc`) and its setter, for sort headers. */
  sort?: { value: string; onChange: (value: string) => void };
  /** Extra rows (e.g. a row's expanded details) after an item's row. */
  after?: (item: Item) => ReactNode;
}

function SortHeader({
  label,
  sort,
  current,
  onChange,
}: {
  label: ReactNode;
  sort: string;
  current: string;
  onChange: (value: string) => void;
}) {
  const [by, order] = current.split(':');
  const active = by === sort;
  const Icon = !active ? IconSelector : order === 'desc' ? IconArrowDown : IconArrowUp;
  return (
    <UnstyledButton onClick={() => onChange(`${sort}:${active && order === 'asc' ? 'desc' : 'asc'}`)}>
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={700} inherit>
          {label}
        </Text>
        <Icon size={14} aria-hidden />
      </Group>
    </UnstyledButton>
  );
}

/** The name of a row, linking to its page. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} fw={500} size="sm" style={{ wordBreak: 'break-word' }}>
      {children}
    </Anchor>
  );
}

function EmptyState({ icon, text, variant }: { icon?: ReactNode; text: string; variant: 'card' | 'inset' }) {
  if (variant === 'inset')
    return (
      <Group gap="sm" c="dimmed" py="lg" justify="center">
        {icon}
        <Text size="sm">{text}</Text>
      </Group>
    );
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" gap="xs" c="dimmed">
        {icon}
        <Text size="sm">{text}</Text>
      </Stack>
    </Paper>
  );
}

/** A keyset-paginated list as a table: loading, error and empty states, headers (sortable or not), "load more". */
export function DataTable<Item>(props: DataTableProps<Item>) {
  const { query, items, columns, variant = 'card' } = props;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const footer =
    items.length > 0 ? <ListFooter shownText={props.shownText ?? ''} pages={query} endText={props.endText} /> : null;
  if (items.length === 0) return <EmptyState {...props.empty} variant={variant} />;
  const table = (
    <Table.ScrollContainer minWidth={props.minWidth ?? 640}>
      <Table
        verticalSpacing={props.verticalSpacing ?? 'sm'}
        highlightOnHover={props.highlightOnHover ?? true}
        aria-label={props.label}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th
                key={column.key}
                scope="col"
                w={column.width}
                aria-sort={
                  column.sort && props.sort?.value.split(':')[0] === column.sort
                    ? props.sort.value.endsWith(':desc')
                      ? 'descending'
                      : 'ascending'
                    : undefined
                }
              >
                {column.hiddenHeader ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : column.sort && props.sort ? (
                  <SortHeader
                    label={column.header}
                    sort={column.sort}
                    current={props.sort.value}
                    onChange={props.sort.onChange}
                  />
                ) : (
                  column.header
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const key = props.rowKey(item);
            return [
              <Table.Tr key={key} {...props.rowProps?.(item)}>
                {columns.map((column) => (
                  <Table.Td key={column.key} style={column.style}>
                    {column.cell(item)}
                  </Table.Td>
                ))}
              </Table.Tr>,
              props.after ? <Fragment key={`${key}-after`}>{props.after(item)}</Fragment> : null,
            ];
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return variant === 'card' ? (
    <>
      <Paper withBorder radius="md">
        {table}
      </Paper>
      {footer}
    </>
  ) : (
    <>
      {table}
      {footer}
    </>
  );
}
