import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.js';
import { useFormat } from '../lib/format.js';

/** A table row's Edit button: `text` on it, and a name that says which row (`Edit: Disk full`). */
export function RowEditButton({ text, row, onClick }: { text: string; row: string; onClick: () => void }) {
  return (
    <Button
      size="compact-xs"
      variant="default"
      aria-label={`${text}: ${row}`}
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={onClick}
    >
      {text}
    </Button>
  );
}

/** A table row's Delete button (an icon named `text: row`): it asks `question` first, then runs `onConfirm`. */
export function RowDeleteButton({
  text,
  row,
  question,
  onConfirm,
}: {
  text: string;
  row: string;
  question: string;
  onConfirm: () => void;
}) {
  return (
    <Button
      size="compact-xs"
      color="red"
      variant="subtle"
      aria-label={`${text}: ${row}`}
      onClick={() => window.confirm(question) && onConfirm()}
    >
      <IconTrash size={14} aria-hidden />
    </Button>
  );
}

/**
 * A row's Edit and Delete buttons, side by side at the row's end; each is shown only when given
 * its handler (what the row's abilities allow). Delete opens the page's confirmation.
 */
export function RowEditDelete({
  editText,
  deleteText,
  onEdit,
  onDelete,
}: {
  editText: string;
  deleteText: string;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {onEdit ? (
        <Button size="compact-sm" variant="default" onClick={onEdit}>
          {editText}
        </Button>
      ) : null}
      {onDelete ? (
        <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete}>
          {deleteText}
        </Button>
      ) : null}
    </Group>
  );
}

/** A failed change from a table row, said in a notification (the row has no form to show it in). */
export function useFailureNotice() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error, locale) });
}
