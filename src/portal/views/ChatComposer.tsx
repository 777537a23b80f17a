import type { PublicPortal } from '../../shared/contracts/portals.js';
import { portalApi } from '../api.js';
import { useText } from '../context.js';
import { Composer, type ComposerProps } from './Composer.js';

/** The live chat's composer (on the chat page and beside a session): attachments as the portal allows. */
export function ChatComposer({
  portal,
  requestId,
  token,
  onSend,
  onTyping,
}: {
  portal: PublicPortal;
  requestId: string;
  token: string;
  onSend: ComposerProps['onSend'];
  onTyping: NonNullable<ComposerProps['onTyping']>;
}) {
  const { t } = useText();
  return (
    <Composer
      label={t('chat.message')}
      submitLabel={t('chat.send')}
      onSend={onSend}
      onTyping={onTyping}
      onAttach={portal.allowAttachments ? (file) => portalApi.attach(portal.slug, requestId, token, file) : undefined}
      maxAttachmentBytes={portal.attachmentMaxBytes}
      acceptTypes={portal.attachmentTypes}
    />
  );
}
