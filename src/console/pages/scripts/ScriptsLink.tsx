import { Button } from '@mantine/core';
import { IconFileCode } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The way to the saved scripts, on the Devices page's header (for those who may control devices). */
export function ScriptsLink() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/scripts" variant="default" leftSection={<IconFileCode size={16} aria-hidden />}>
      {t('scripts.title')}
    </Button>
  );
}
