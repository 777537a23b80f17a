import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slugTakenDetails, type Portal } from '../../../shared/contracts/portals.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { ApiError } from '../../api/client.js';
import { errorText, fieldProblemText } from '../../api/errors.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { portalKeys, savePortal } from './api.js';
import { changesOf, draftOf, type PortalDraft } from './draft.js';

/** Choice options as typed (one per line) become the list the server expects. */
export function cleaned(draft: PortalDraft): PortalDraft {
  return {
    ...draft,
    fields: {
      ...draft.fields,
      custom: draft.fields.custom.map((f) =>
        f.type === 'choice'
          ? { ...f, options: (f.options ?? []).map((o) => o.trim()).filter(Boolean) }
          : { ...f, options: undefined },
      ),
    },
  };
}

/**
 * The portal being edited: its draft, what changed, and saving the changes (a taken address said on
 * its field, field problems on theirs and listed above the form, anything else above the form).
 */
export function usePortalEditor(portal: Portal) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PortalDraft>(() => draftOf(portal));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string[]>([]);
  const changes = useMemo(() => changesOf(portal, cleaned(draft)), [portal, draft]);
  const dirty = Object.keys(changes).length > 0;
  // follow a change saved elsewhere while nothing is being edited here
  const [seenAt, setSeenAt] = useState(portal.updatedAt);
  if (seenAt !== portal.updatedAt) {
    setSeenAt(portal.updatedAt);
    if (!dirty) setDraft(draftOf(portal));
  }

  const save = useMutation({
    mutationFn: () => savePortal(portal.companyId, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(portalKeys.portal(portal.companyId), updated);
      setDraft(draftOf(updated));
      setProblems({});
      setFailure([]);
      notifications.show({ color: 'teal', message: t('portals.page.saved') });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'conflict' && slugTakenDetails.safeParse(error.details).success) {
        setProblems({ slug: t('portals.general.slugTaken') });
        return;
      }
      if (error instanceof ApiError && error.fieldProblems.length > 0) {
        const text = (p: FieldProblem) => fieldProblemText(t, p, currentLanguage());
        setProblems(Object.fromEntries(error.fieldProblems.map((p) => [p.path.replace(/^body\./, ''), text(p)])));
        setFailure(error.fieldProblems.map((p) => `${p.path.replace(/^body\./, '')}: ${text(p)}`));
        return;
      }
      setFailure([errorText(t, error, locale)]);
    },
  });
  return { draft, setDraft, problems, failure, dirty, save };
}
