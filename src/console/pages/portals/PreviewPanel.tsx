import { useBrowserOrigin } from '../../lib/useBrowserValue.js';
import { Anchor, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicPortal } from '../../../shared/contracts/portals.js';
import { Section } from '../account/Section.js';

/**
 * The customer's page itself (the portal bundle at /portal/_preview, in a frame), drawn from the
 * unsaved draft: every change shows at once. Nothing can be sent from it.
 */
export function PreviewPanel({ preview, path }: { preview: PublicPortal; path: string }) {
  const { t } = useTranslation();
  const origin = useBrowserOrigin();
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [width, setWidth] = useState<'phone' | 'desktop'>('phone');

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (
        event.origin === window.location.origin &&
        event.source === frame.current?.contentWindow &&
        (event.data as { type?: string })?.type === 'tandem.portal.preview.ready'
      )
        setReady(true);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  useEffect(() => {
    if (ready)
      frame.current?.contentWindow?.postMessage(
        { type: 'tandem.portal.preview', portal: preview },
        window.location.origin,
      );
  }, [ready, preview]);

  return (
    <Section title={t('portals.preview.title')}>
      <Stack gap="xs">
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            aria-label={t('portals.preview.title')}
            value={width}
            onChange={(v) => setWidth(v as 'phone' | 'desktop')}
            data={[
              { value: 'phone', label: t('portals.preview.phone') },
              { value: 'desktop', label: t('portals.preview.desktop') },
            ]}
          />
          <Anchor href={path} target="_blank" rel="noopener" size="sm" data-testid="open-portal">
            <Group gap={4} component="span">
              {t('portals.page.open')} <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {origin}
          {path}
        </Text>
        <Paper
          withBorder
          radius="md"
          style={{ overflow: 'hidden' }}
          mx="auto"
          w={width === 'phone' ? 375 : '100%'}
          maw="100%"
        >
          <iframe
            ref={frame}
            title={t('portals.preview.frame')}
            src="/portal/_preview"
            style={{ border: 0, width: '100%', height: 640, display: 'block' }}
            data-testid="portal-preview"
          />
        </Paper>
      </Stack>
    </Section>
  );
}
