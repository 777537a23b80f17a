import { Anchor, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Portal } from '../../../shared/contracts/portals.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { Section } from '../account/Section.js';
import type { PortalDraft } from './draft.js';
import { LocalizedTextFields } from './LocalizedTextFields.js';

export interface SectionProps {
  portal: Portal;
  draft: PortalDraft;
  onChange: (draft: PortalDraft) => void;
  editable: boolean;
  problems: Record<string, string>;
}

export function GeneralSection({ portal, draft, onChange, editable, problems }: SectionProps) {
  const { t } = useTranslation();
  const languageName = (l: Language) => (l === 'fr' ? 'Français' : 'English');
  return (
    <Section title={t('portals.general.title')}>
      <Stack gap="md">
        <Switch
          label={t('portals.general.enabled')}
          description={t('portals.general.enabledHelp')}
          checked={draft.enabled}
          onChange={(e) => onChange({ ...draft, enabled: e.currentTarget.checked })}
          disabled={!editable}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('portals.general.slug')}
            description={t('portals.general.slugHelp', { min: limits.portalSlugMin, max: limits.portalSlugMax })}
            leftSection={
              <Text size="xs" c="dimmed">
                /portal/
              </Text>
            }
            leftSectionWidth={64}
            value={draft.slug}
            maxLength={limits.portalSlugMax}
            onChange={(e) => onChange({ ...draft, slug: e.currentTarget.value.toLowerCase() })}
            readOnly={!editable}
            required
            error={problems.slug}
          />
          <TextInput
            label={t('portals.general.portalTitle')}
            value={draft.title}
            maxLength={limits.portalTitle}
            onChange={(e) => onChange({ ...draft, title: e.currentTarget.value })}
            readOnly={!editable}
            required
            error={problems.title}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500}>
            {t('portals.general.welcome')}
          </Text>
          <Text size="xs" mb="xs">
            {t('portals.general.welcomeHelp')}
          </Text>
          <LocalizedTextFields
            name="welcome"
            label={t('portals.general.welcome')}
            value={draft.welcome}
            onChange={(welcome) => onChange({ ...draft, welcome })}
            maxLength={limits.portalWelcome}
            accountLanguage={portal.accountLanguage}
            readOnly={!editable}
            problems={{ en: problems['welcome.en'], fr: problems['welcome.fr'] }}
          />
        </div>
        <Select
          label={t('portals.general.language')}
          data={[
            {
              value: '',
              label: t('portals.general.languageInherit', { language: languageName(portal.effectiveLanguage) }),
            },
            ...languages.map((l) => ({ value: l, label: languageName(l) })),
          ]}
          value={draft.language ?? ''}
          onChange={(v) => onChange({ ...draft, language: v ? (v as Language) : null })}
          allowDeselect={false}
          disabled={!editable}
          w={{ base: '100%', sm: 320 }}
        />
        <Text size="sm" c="dimmed">
          {t('portals.general.branding')}{' '}
          <Anchor component={Link} to={`/companies/${portal.companyId}`} underline="always">
            {t('portals.general.editBranding')}
          </Anchor>
        </Text>
      </Stack>
    </Section>
  );
}
