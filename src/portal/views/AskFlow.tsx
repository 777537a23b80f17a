import { useEffect, useState } from 'react';
import type { PublicPortal } from '../../shared/contracts/portals.js';
import { portalApi, PortalApiError, type CreatedRequest } from '../api.js';
import type { OfflineReason } from '../chat/useChat.js';
import { useText } from '../context.js';
import { fieldProblemText } from '../field-problems.js';
import { AskForm } from './AskForm.js';
import { CodeEntryLink } from './CodeEntry.js';
import { FollowPage } from './FollowPage.js';
import { emptyDraft, problemKey, requestBody, type Draft, type Problems } from './fields.js';
import { LiveRequest, type Session } from './LiveRequest.js';
import { OfflineView } from './OfflineView.js';

interface Saved {
  session: Session;
  draft: Draft;
  /** `emailed` false: no private link was e-mailed (the address had enough such e-mails today) */
  offline: { reason: OfflineReason | null; emailed?: boolean } | null;
}

/** This tab's request, so that a reload resumes the wait or the chat instead of starting over. */
const storageKey = (slug: string) => `tandem.portal.${slug}`;

function load(slug: string): Saved | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(slug));
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

function save(slug: string, saved: Saved | null) {
  try {
    if (saved) window.sessionStorage.setItem(storageKey(slug), JSON.stringify(saved));
    else window.sessionStorage.removeItem(storageKey(slug));
  } catch {
    // storage unavailable: a reload starts over, nothing else is lost
  }
}

/** The customer's path on the portal: the form, then the live request or the offline message. */
export function AskFlow({ portal }: { portal: PublicPortal }) {
  const { t, language, locale } = useText();
  const [saved, setSaved] = useState<Saved | null>(() => load(portal.slug));
  const [draft, setDraft] = useState<Draft>(saved?.draft ?? emptyDraft);
  const [busy, setBusy] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  // an offline question can be followed here too (the e-mailed link works anywhere)
  const [following, setFollowing] = useState(false);

  useEffect(() => save(portal.slug, saved), [portal.slug, saved]);

  const submit = async (typed: Draft) => {
    setBusy(true);
    setFailure(null);
    setServerProblems({});
    try {
      const created: CreatedRequest = await portalApi.create(portal.slug, requestBody(typed, portal.fields));
      const session = { requestId: created.id, number: created.number, token: created.visitorToken };
      setSaved({
        session,
        draft: typed,
        offline:
          created.status === 'offline' ? { reason: created.offlineReason, emailed: created.followLinkEmailed } : null,
      });
    } catch (error) {
      if (error instanceof PortalApiError && error.fieldProblems.length > 0) {
        setServerProblems(
          Object.fromEntries(
            error.fieldProblems.map((p) => [problemKey(p.path), fieldProblemText(p, language, locale)]),
          ),
        );
      } else if (error instanceof PortalApiError && error.code === 'rate_limited') {
        setFailure(t('form.errors.rateLimited'));
      } else if (error instanceof PortalApiError && error.code === 'network') {
        setFailure(t('form.errors.network'));
      } else {
        setFailure(t('form.errors.server'));
      }
    } finally {
      setBusy(false);
    }
  };

  if (saved?.offline && following) {
    return <FollowPage portal={portal} requestId={saved.session.requestId} token={saved.session.token} />;
  }
  if (saved?.offline) {
    return (
      <OfflineView
        message={portal.offlineMessage}
        reason={saved.offline.reason}
        emailed={saved.offline.emailed !== false}
        draft={saved.draft}
        onFollow={() => setFollowing(true)}
      />
    );
  }
  if (saved) {
    const restart = () => {
      setSaved(null);
      setDraft({ ...emptyDraft, name: saved.draft.name, email: saved.draft.email, phone: saved.draft.phone });
    };
    return <LiveRequest portal={portal} session={saved.session} draft={saved.draft} onRestart={restart} />;
  }
  return (
    <>
      <CodeEntryLink />
      <AskForm
        portal={portal}
        draft={draft}
        onChange={setDraft}
        onSubmit={(d) => void submit(d)}
        busy={busy}
        serverProblems={serverProblems}
        failure={failure}
      />
    </>
  );
}
