import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';

/** The live view's buttons, as the session's abilities allow: invite, transfer, end. */
export function LiveSessionActions({
  abilities: a,
  onChoose,
  onEnd,
}: {
  abilities: SessionDetail['abilities'];
  onChoose: (action: 'invite' | 'transfer') => void;
  onEnd: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {a.invite ? (
        <Button variant="default" onClick={() => onChoose('invite')}>
          {t('sessions.invite.button')}
        </Button>
      ) : null}
      {a.transfer ? (
        <Button variant="default" onClick={() => onChoose('transfer')}>
          {t('sessions.transfer.button')}
        </Button>
      ) : null}
      {a.end ? (
        <Button color="red" variant="light" onClick={onEnd}>
          {t('sessions.end.button')}
        </Button>
      ) : null}
    </>
  );
}
