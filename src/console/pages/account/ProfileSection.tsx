import { Anchor, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/contracts/me.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { TimeZoneSelect } from '../../kit/TimeZoneSelect.js';
import { allTimeZones, browserTimeZone } from '../../lib/time.js';
import { sessionKeys, updateMe } from '../../session/api.js';
import { Section } from './Section.js';

interface ProfileValues {
  name: string;
  language: Language;
  timeZone: string;
}

export function ProfileSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const v = validators(t);
  const browserZone = useMemo(() => browserTimeZone(), []);
  const languageOptions = languages.map((language) => ({
    value: language,
    label: t('language.self', { lng: language }),
  }));

  const {
    form,
    mutation: save,
    problems,
    setProblems,
    onSubmit,
  } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: { name: me.user.name, language: me.user.language, timeZone: me.user.timeZone } as ProfileValues,
      validate: {
        name: v.required,
        timeZone: (value) => (value ? null : t('validation.required')),
      },
    },
    mutationFn: (changes: Partial<ProfileValues>) => updateMe(changes),
    toVariables: (values) => {
      const changes: Partial<ProfileValues> = {};
      if (values.name.trim() !== me.user.name) changes.name = values.name.trim();
      if (values.language !== me.user.language) changes.language = values.language;
      if (values.timeZone !== me.user.timeZone) changes.timeZone = values.timeZone;
      if (Object.keys(changes).length > 0) return changes;
      setProblems([]);
      notifications.show({ color: 'gray', message: t('account.profile.nothingChanged') });
      return null;
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(sessionKeys.me, updated);
      const values = { name: updated.user.name, language: updated.user.language, timeZone: updated.user.timeZone };
      form.setInitialValues(values);
      form.setValues(values);
      form.resetDirty(values);
      notifications.show({ color: 'teal', message: t('account.profile.saved', { lng: updated.user.language }) });
    },
  });

  const timeZoneProps = form.getInputProps('timeZone');

  return (
    <Section title={t('account.profile.title')} description={t('account.profile.description')}>
      <form noValidate onSubmit={onSubmit}>
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
            <TimeZoneSelect
              label={t('fields.timeZone')}
              description={t('account.profile.timeZoneHelp')}
              required
              {...timeZoneProps}
              // Typing replaces the current zone instead of appending to its label.
              onFocus={(event: React.FocusEvent<HTMLInputElement>) => {
                timeZoneProps.onFocus?.(event);
                event.currentTarget.select();
              }}
            />
            {browserZone !== form.values.timeZone && allTimeZones().includes(browserZone) ? (
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
