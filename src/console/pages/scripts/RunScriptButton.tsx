import { Button } from '@mantine/core';
import { IconTerminal2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RunScriptModal } from './RunScriptModal.js';

/** A device page's "Run script": a saved script on this device, then the run's page. */
export function RunScriptButton({ deviceId }: { deviceId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconTerminal2 size={16} aria-hidden />} onClick={() => setOpened(true)}>
        {t('scripts.run.one')}
      </Button>
      <RunScriptModal opened={opened} deviceIds={[deviceId]} onClose={() => setOpened(false)} />
    </>
  );
}
