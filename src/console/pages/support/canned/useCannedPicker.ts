import { useMemo, useState } from 'react';
import type { CannedReply } from '../../../../shared/contracts/canned-replies.js';

/** "/short" just before the caret, at the start of the text or after a space: the shortcut being typed. */
const slashToken = /(^|\s)\/([a-z0-9-]*)$/;

interface SlashQuery {
  /** where the "/" is */
  start: number;
  /** what follows it, up to the caret */
  typed: string;
}

function slashQueryAt(text: string, caret: number): SlashQuery | null {
  const match = slashToken.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, typed: match[2]! };
}

/** Replies whose shortcut starts with what was typed first, then those whose shortcut or title contains it. */
function matchReplies(replies: CannedReply[], typed: string): CannedReply[] {
  const q = typed.toLowerCase();
  const starts = replies.filter((r) => r.shortcut.startsWith(q));
  const contains = replies.filter(
    (r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

/** The picker's state for a message box: open while a "/shortcut" is typed, the highlighted choice, moves. */
export function useCannedPicker(replies: CannedReply[], text: string, caret: number) {
  const [highlight, setHighlight] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const query = slashQueryAt(text, caret);
  const matches = useMemo(() => (query ? matchReplies(replies, query.typed) : []), [replies, query?.typed]); // eslint-disable-line react-hooks/exhaustive-deps
  const open = query !== null && dismissedAt !== query.start;
  const index = Math.min(highlight, Math.max(0, matches.length - 1));
  return {
    open,
    query,
    matches,
    index,
    move: (step: number) =>
      matches.length && setHighlight((i) => (Math.min(i, matches.length - 1) + step + matches.length) % matches.length),
    reset: () => setHighlight(0),
    dismiss: () => query && setDismissedAt(query.start),
  };
}
