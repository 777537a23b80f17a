import { Anchor, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/contracts/me.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { applyFieldErrors, errorText, validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { browserTimeZone, timeZoneOptions } from '../../lib/time.js';
import { sessionKeys, updateMe } from '../../session/api.js';
import { Section } from './Section.js';

interface ProfileValues {
  name: string;
  language: Language;
  timeZone: string;
}

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<string[]>([]);
  const v = validators(t);
  const browserZone = useMemo(browserTimeZone, []);
  const zones = useMemo(() => timeZoneOptions(me.user.timeZone), [me.user.timeZone]);
  const languageOptions = languages.map((language) => ({
    value: language,
    label: t('language.self', { lng: language }),
  }));

  const form = useForm<ProfileValues>({
    mode: 'controlled',
    initialValues: { name: me.user.name, language: me.user.language, timeZone: me.user.timeZone },
    validate: {
      name: v.required,
      timeZone: (value) => (value ? null : t('validation.required')),
    },
  });

  const save = useMutation({
    mutationFn: (changes: Partial<ProfileValues>) => updateMe(changes),
    onSuccess: (updated) => {
      queryClient.setQueryData(sessionKeys.me, updated);
      const values = { name: updated.user.name, language: updated.user.language, timeZone: updated.user.timeZone };
      form.setInitialValues(values);
      form.setValues(values);
      form.resetDirty(values);
      notifications.show({ color: 'teal', message: t('account.profile.saved', { lng: updated.user.language }) });
    },
    onError: (error) => {
      const unmatched = applyFieldErrors(form, error, t, currentLanguage());
      setProblems(unmatched ?? [errorText(t, error, locale)]);
    },
  });

  const timeZoneProps = form.getInputProps('timeZone');

  const submit = form.onSubmit((values) => {
    setProblems([]);
    const changes: Partial<ProfileValues> = {};
    if (values.name.trim() !== me.user.name) changes.name = values.name.trim();
    if (values.language !== me.user.language) changes.language = values.language;
    if (values.timeZone !== me.user.timeZone) changes.timeZone = values.timeZone;
    if (Object.keys(changes).length === 0) {
      notifications.show({ color: 'gray', message: t('account.profile.nothingChanged') });
      return;
    }
    save.mutate(changes);
  });

  return (
    <Section title={t('account.profile.title')} description={t('account.profile.description')}>
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('fields.name')}
              autoComplete="name"
              required
              maxLength={limits.name}
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('fields.email')}
              value={me.user.email}
              readOnly
              variant="filled"
              description={t('account.profile.emailHelp')}
            />
            <Select
              label={t('fields.language')}
              data={languageOptions}
              allowDeselect={false}
              required
              {...form.getInputProps('language')}
            />
            <Select
              label={t('fields.timeZone')}
              description={t('account.profile.timeZoneHelp')}
              data={zones}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
              maxDropdownHeight={280}
              limit={100}
              required
              {...timeZoneProps}
              // Typing replaces the current zone instead of appending to its label.
              onFocus={(event: React.FocusEvent<HTMLInputElement>) => {
                timeZoneProps.onFocus?.(event);
                event.currentTarget.select();
              }}
            />
            {browserZone !== form.values.timeZone && zones.some((z) => z.value === browserZone) ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="start"
                onClick={() => form.setFieldValue('timeZone', browserZone)}
                style={{ gridColumn: '-2 / -1' }}
              >
                {t('account.profile.useBrowserZone', { timeZone: browserZone })}
              </Anchor>
            ) : null}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('account.profile.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
