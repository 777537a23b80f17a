import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/contracts/me.js';
import type { Language } from '../../shared/locales.js';
import { errorText } from '../api/errors.js';
import { applyLanguage, currentLanguage } from '../i18n.js';
import { useFormat } from '../lib/format.js';
import { sessionKeys, updateMe } from '../session/api.js';

/** Signed in, the UI speaks the user's language; switching saves it to the profile. */
export function useUserLanguage(me: Me) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { locale } = useFormat();

  useEffect(() => {
    void applyLanguage(me.user.language);
  }, [me.user.language]);

  const save = useMutation({
    mutationFn: (language: Language) => updateMe({ language }),
    onSuccess: (updated) => queryClient.setQueryData(sessionKeys.me, updated),
  });

  return (language: Language) => {
    const previous = currentLanguage();
    void applyLanguage(language);
    save.mutate(language, {
      onError: (error) => {
        void applyLanguage(previous);
        notifications.show({ color: 'red', title: t('language.saveFailed'), message: errorText(t, error, locale) });
      },
    });
  };
}
