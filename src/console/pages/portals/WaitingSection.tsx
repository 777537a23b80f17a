import { NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Portal } from '../../../shared/contracts/portals.js';
import { asLocalizedText, type LocalizedText } from '../../../shared/localized-text.js';
import { languages } from '../../../shared/locales.js';
import { definitionOf } from '../../../shared/settings.js';
import { useFormat } from '../../lib/format.js';
import { Section } from '../account/Section.js';
import { LocalizedTextFields } from './LocalizedTextFields.js';
import { PortalSettingRow } from './PortalSettingRow.js';

/** The wait timeout, the offline message and attachments: settings with their inherited values and sources. */
export function WaitingSection({ portal, editable }: { portal: Portal; editable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const s = portal.settings;
  const bounds = definitionOf('portal.waitTimeoutSeconds')?.input;
  const min = bounds?.kind === 'number' ? bounds.min : 15;
  const max = bounds?.kind === 'number' ? bounds.max : 3600;
  return (
    <Section title={t('portals.waiting.title')} description={t('portals.waiting.description')}>
      <Stack gap="sm">
        <PortalSettingRow
          companyId={portal.companyId}
          settingKey="portal.waitTimeoutSeconds"
          label={t('portals.waiting.timeout')}
          source={s.waitTimeoutSeconds.source}
          value={s.waitTimeoutSeconds.value}
          shown={t('portals.waiting.seconds', { value: format.number(s.waitTimeoutSeconds.value) })}
          editable={editable}
          editor={(value, set, error) => (
            <NumberInput
              aria-label={t('portals.waiting.timeout')}
              min={min}
              max={max}
              allowDecimal={false}
              clampBehavior="none"
              value={typeof value === 'number' ? value : ''}
              onChange={(v) => set(typeof v === 'number' ? v : Number(v))}
              error={error}
              w={200}
            />
          )}
        />
        <PortalSettingRow
          companyId={portal.companyId}
          settingKey="portal.offlineMessage"
          label={t('portals.waiting.offlineMessage')}
          source={s.offlineMessage.source}
          value={asLocalizedText(s.offlineMessage.value)}
          shown={
            s.offlineMessage.value ? (
              <OfflineMessageShown texts={s.offlineMessage.value} />
            ) : (
              t('portals.waiting.offlineMessageDefault')
            )
          }
          editable={editable}
          editor={(value, set, error) => (
            <LocalizedTextFields
              name="offline"
              label={t('portals.waiting.offlineMessage')}
              value={asLocalizedText(value)}
              onChange={set}
              maxLength={1000}
              accountLanguage={portal.accountLanguage}
              problems={{ [portal.accountLanguage]: error }}
            />
          )}
        />
        <PortalSettingRow
          companyId={portal.companyId}
          settingKey="portal.allowAttachments"
          label={t('portals.waiting.attachments')}
          source={s.allowAttachments.source}
          value={s.allowAttachments.value}
          shown={s.allowAttachments.value ? t('requests.detail.yes') : t('requests.detail.no')}
          editable={editable}
          editor={(value, set) => (
            <Switch
              label={t('portals.waiting.attachments')}
              checked={value === true}
              onChange={(e) => set(e.currentTarget.checked)}
            />
          )}
        />
      </Stack>
    </Section>
  );
}

/** The offline message in each language, an empty one said so. */
function OfflineMessageShown({ texts }: { texts: LocalizedText }) {
  const { t } = useTranslation();
  return (
    <>
      {languages.map((l) => (
        <Text key={l} size="sm" component="span" display="block" lang={l} data-text={`offline-shown-${l}`}>
          <strong>{t('portals.texts.languageLabel', { language: t(`portals.languages.${l}`) })}</strong>{' '}
          {texts[l] || t('portals.texts.emptyShown')}
        </Text>
      ))}
    </>
  );
}
