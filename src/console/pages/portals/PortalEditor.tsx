import { Alert, Badge, Button, Grid, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Portal } from '../../../shared/contracts/portals.js';
import { FormAlert } from '../../components/Feedback.js';
import { previewOf } from './draft.js';
import { FieldsSection } from './FieldsSection.js';
import { GeneralSection } from './GeneralSection.js';
import { HoursSection } from './HoursSection.js';
import { PreviewPanel } from './PreviewPanel.js';
import { cleaned, usePortalEditor } from './usePortalEditor.js';
import { WaitingSection } from './WaitingSection.js';

/** The portal's sections, saved together, beside a live preview of the customer's page. */
export function PortalEditor({ portal, companyName }: { portal: Portal; companyName: string }) {
  const { t } = useTranslation();
  const { draft, setDraft, problems, failure, dirty, save } = usePortalEditor(portal);
  const editable = portal.abilities.update;
  const preview = useMemo(() => previewOf(portal, cleaned(draft), companyName), [portal, draft, companyName]);
  const props = { portal, draft, onChange: setDraft, editable, problems };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!dirty) return void notifications.show({ color: 'gray', message: t('portals.page.nothingChanged') });
            save.mutate();
          }}
        >
          <Stack gap="lg">
            {!editable ? (
              <Alert color="gray" variant="light">
                {t('portals.page.readOnly')}
              </Alert>
            ) : null}
            <FormAlert messages={failure} />
            <GeneralSection {...props} />
            <FieldsSection {...props} />
            <HoursSection {...props} />
            {editable ? (
              <Group
                justify="flex-end"
                pos="sticky"
                bottom={0}
                py="sm"
                bg="var(--mantine-color-body)"
                style={{ zIndex: 2 }}
              >
                {dirty ? (
                  <Badge color="yellow" variant="light">
                    {t('portals.page.unsaved')}
                  </Badge>
                ) : null}
                <Button type="submit" loading={save.isPending}>
                  {t('portals.page.save')}
                </Button>
              </Group>
            ) : null}
            <WaitingSection portal={portal} editable={editable} />
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <div style={{ position: 'sticky', top: 76 }}>
          <PreviewPanel preview={preview} path={portal.path} />
        </div>
      </Grid.Col>
    </Grid>
  );
}
