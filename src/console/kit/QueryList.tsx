import { Paper, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, PageLoader } from '../components/Feedback.js';

/**
 * A list read from the server, in its three other states: a loader while it loads, the error with
 * a retry, and `empty` in a framed notice when it has no item. Otherwise `children` draws the items.
 */
export function QueryList<Item>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<{ items: Item[] }>;
  empty: string;
  children: (items: Item[]) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0)
    return (
      <Paper withBorder radius="md" p="xl">
        <Text ta="center">{empty}</Text>
      </Paper>
    );
  return children(query.data.items);
}
