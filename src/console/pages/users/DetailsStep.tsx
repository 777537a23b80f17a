import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser, UpdateUserBody } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import { validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { TimeZoneSelect } from '../../kit/TimeZoneSelect.js';
import { SectionSave } from './SectionSave.js';
import { useSaveUser } from './useSaveUser.js';

interface DetailsValues {
  name: string;
  email: string;
  language: Language;
  timeZone: string;
}

/** The user's name, e-mail, language and time zone. */
export function DetailsStep({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const readOnly = !user.abilities.update;
  const v = validators(t);
  const form = useForm<DetailsValues>({
    mode: 'controlled',
    initialValues: { name: user.name, email: user.email, language: user.language, timeZone: user.timeZone },
    validate: { name: v.required, email: v.email },
  });
  const save = useSaveUser(user, setProblems, (field, message) =>
    form.setFieldError(field as keyof DetailsValues, message),
  );
  const changes = (values: DetailsValues): UpdateUserBody => {
    const patch: UpdateUserBody = {};
    if (values.name.trim() !== user.name) patch.name = values.name.trim();
    if (values.email.trim().toLowerCase() !== user.email) patch.email = values.email.trim().toLowerCase();
    if (values.language !== user.language) patch.language = values.language;
    if (values.timeZone !== user.timeZone) patch.timeZone = values.timeZone;
    return patch;
  };
  const dirty = Object.keys(changes(form.getValues())).length > 0;
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(changes(values)))}>
      <Stack gap="md" mt="md">
        <FormAlert messages={problems} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('users.fields.name')}
            required
            maxLength={limits.name}
            disabled={readOnly}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('users.fields.email')}
            description={t('users.steps.details.emailHelp')}
            type="email"
            required
            maxLength={limits.email}
            disabled={readOnly}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('users.fields.language')}
            description={t('users.steps.details.languageHelp')}
            data={languages.map((language) => ({ value: language, label: t('language.self', { lng: language }) }))}
            allowDeselect={false}
            disabled={readOnly}
            {...form.getInputProps('language')}
          />
          <TimeZoneSelect label={t('users.fields.timeZone')} disabled={readOnly} {...form.getInputProps('timeZone')} />
        </SimpleGrid>
        <SectionSave readOnly={readOnly} dirty={dirty} loading={save.isPending} />
      </Stack>
    </form>
  );
}
