import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Under a keyset-paginated list: how many rows are shown, and "Load more" while more follow. */
export function ListFooter({ shownText, pages, endText }: { shownText: string; pages: Pages; endText?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shownText}
      </Text>
      {pages.hasNextPage ? (
        <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : endText ? (
        <Text size="sm" c="dimmed">
          {endText}
        </Text>
      ) : null}
    </Group>
  );
}
