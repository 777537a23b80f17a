import { Code, Divider, TextInput } from '@mantine/core';
import type { useForm } from '@mantine/form';
import { Trans, useTranslation } from 'react-i18next';
import { limits } from '../../../shared/limits.js';
import { EmailField } from '../../kit/EmailField.js';
import { NewPasswordFields, type NewPasswordValues } from '../../kit/NewPasswordFields.js';

export interface SetupFormValues extends NewPasswordValues {
  token: string;
  accountName: string;
  name: string;
  email: string;
}

/** The form's surface the fields use (Mantine's return type, whatever its validation rules). */
type SetupForm = Pick<ReturnType<typeof useForm<SetupFormValues>>, 'key' | 'getInputProps'>;

/** The setup token, the account's name, and the first administrator. */
export function SetupFields({ form }: { form: SetupForm }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('setup.token')}
        description={<Trans i18nKey="setup.tokenHelp" components={{ code: <Code /> }} />}
        autoComplete="off"
        spellCheck={false}
        required
        maxLength={limits.setupToken}
        autoFocus
        key={form.key('token')}
        {...form.getInputProps('token')}
      />
      <Divider label={t('setup.accountSection')} labelPosition="left" />
      <TextInput
        label={t('setup.accountName')}
        description={t('setup.accountNameHelp')}
        autoComplete="organization"
        required
        maxLength={limits.accountName}
        key={form.key('accountName')}
        {...form.getInputProps('accountName')}
      />
      <Divider label={t('setup.adminSection')} labelPosition="left" />
      <TextInput
        label={t('fields.name')}
        autoComplete="name"
        required
        maxLength={limits.name}
        key={form.key('name')}
        {...form.getInputProps('name')}
      />
      <EmailField form={form} name="email" autoComplete="email" />
      <NewPasswordFields form={form} />
    </>
  );
}
