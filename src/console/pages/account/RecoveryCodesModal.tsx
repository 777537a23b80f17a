import { Alert, Button, Code, CopyButton, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/api.js';
import { useFormat } from '../../lib/format.js';

/** Ten codes, shown once, with copy and download. */
export function RecoveryCodesModal({ codes, onClose }: { codes: string[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const text = codes?.join('\n') ?? '';
  const download = () => {
    const content = `${t('twoFactor.codes.fileHeader', { email: me.user.email, date: format.date(new Date().toISOString()) })}\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([content], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'tandem-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Modal
      opened={codes !== null}
      onClose={onClose}
      title={t('twoFactor.codes.title')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {codes ? (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('twoFactor.codes.onceTitle')}
          >
            {t('twoFactor.codes.onceMessage')}
          </Alert>
          <SimpleGrid
            cols={2}
            spacing="xs"
            component="ul"
            aria-label={t('twoFactor.codes.listLabel')}
            data-testid="recovery-codes"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {codes.map((code) => (
              <Code key={code} component="li" fz="md" ta="center" py={6}>
                {code}
              </Code>
            ))}
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <CopyButton value={text} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    variant="default"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  >
                    {copied ? t('common.copied') : t('twoFactor.codes.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden />}>
                {t('twoFactor.codes.download')}
              </Button>
            </Group>
            <Button onClick={onClose}>{t('twoFactor.codes.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
