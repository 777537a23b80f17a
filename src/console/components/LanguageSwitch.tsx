import { Box, Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { languages, type Language } from '../../shared/locales.js';
import { applyLanguage, currentLanguage } from '../i18n.js';

/**
 * Language menu. Each language is named in itself ("English", "Français").
 * `onChange` replaces the default (which only switches this browser).
 * `compact` (the top bar): the name on wide screens, its code (EN, FR) on middle ones, the icon alone on phones.
 */
export function LanguageSwitch({
  onChange,
  compact = false,
}: {
  onChange?: (language: Language) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const current = currentLanguage();
  const choose = (language: Language) => {
    if (language === current) return;
    // messages already shown stay in the language they were written in: they go, the page speaks the new one
    notifications.clean();
    if (onChange) onChange(language);
    else void applyLanguage(language);
  };
  const currentName = t('language.self');
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconLanguage size={18} aria-hidden />}
          // the name starts with what the button shows on middle-sized screens (EN, FR), then says what it is
          aria-label={`${current.toUpperCase()} · ${t('language.current', { language: currentName })}`}
          px={compact ? 'xs' : undefined}
        >
          {compact ? (
            <>
              <Box component="span" visibleFrom="xl">
                {currentName}
              </Box>
              <Box component="span" visibleFrom="sm" hiddenFrom="xl" aria-hidden>
                {current.toUpperCase()}
              </Box>
            </>
          ) : (
            currentName
          )}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => choose(language)}
            rightSection={language === current ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={language === current ? 'true' : undefined}
          >
            {t('language.self', { lng: language })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
