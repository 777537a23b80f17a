import { Button, Code, SimpleGrid } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CopyTextButton, SecretOnceModal } from '../../kit/SecretOnceModal.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';

/** Ten codes, shown once, with copy and download. */
export function RecoveryCodesModal({ codes, onClose }: { codes: string[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const download = (text: string) => {
    const content = `${t('twoFactor.codes.fileHeader', { email: me.user.email, date: format.date(new Date().toISOString()) })}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tandem-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <SecretOnceModal
      secret={codes}
      title={t('twoFactor.codes.title')}
      warningTitle={t('twoFactor.codes.onceTitle')}
      warning={t('twoFactor.codes.onceMessage')}
      doneLabel={t('twoFactor.codes.done')}
      onClose={onClose}
      actions={(shown) => (
        <>
          <CopyTextButton value={shown.join('\n')} label={t('twoFactor.codes.copy')} />
          <Button
            variant="default"
            onClick={() => download(shown.join('\n'))}
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('twoFactor.codes.download')}
          </Button>
        </>
      )}
    >
      {(shown) => (
        <SimpleGrid
          cols={2}
          spacing="xs"
          component="ul"
          aria-label={t('twoFactor.codes.listLabel')}
          data-testid="recovery-codes"
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {shown.map((code) => (
            <Code key={code} component="li" fz="md" ta="center" py={6}>
              {code}
            </Code>
          ))}
        </SimpleGrid>
      )}
    </SecretOnceModal>
  );
}
