import { Button, Code, Group, Modal, PasswordInput, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SsoProvider } from '../../../shared/contracts/sso.js';
import { FormAlert } from '../../components/Feedback.js';
import { useApiForm } from '../../kit/useApiForm.js';
import { createSsoProvider, refreshSsoProviders, updateSsoProvider } from './sso-api.js';

interface Values {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  domains: string;
  createUsers: boolean;
  linkByEmail: boolean;
}

const linesOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A new sign-in provider, or a change to one (a secret left empty keeps the one stored). */
export function ProviderModal({
  provider,
  callbackUrl,
  onClose,
}: {
  provider: SsoProvider | null;
  callbackUrl: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: {
        name: provider?.name ?? '',
        issuer: provider?.issuer ?? '',
        clientId: provider?.clientId ?? '',
        clientSecret: '',
        scopes: provider?.scopes ?? 'openid email profile',
        groupsClaim: provider?.groupsClaim ?? 'groups',
        domains: provider?.domains.join('\n') ?? '',
        createUsers: provider?.createUsers ?? false,
        linkByEmail: provider?.linkByEmail ?? false,
      } as Values,
    },
    mutationFn: (values: Values) => {
      const fields = {
        name: values.name,
        issuer: values.issuer,
        clientId: values.clientId,
        scopes: values.scopes,
        groupsClaim: values.groupsClaim,
        domains: linesOf(values.domains),
        createUsers: values.createUsers,
        linkByEmail: values.linkByEmail,
      };
      return provider
        ? updateSsoProvider(provider.id, {
            ...fields,
            ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
          })
        : createSsoProvider({ ...fields, clientSecret: values.clientSecret });
    },
    onSuccess: (saved) => {
      refreshSsoProviders(queryClient);
      notifications.show({ color: 'teal', message: t('sso.saved', { name: saved.name }) });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={provider ? t('sso.editTitle', { name: provider.name }) : t('sso.newTitle')}
      centered
      size="lg"
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <div>
            <Text size="sm" fw={500}>
              {t('sso.callbackUrl')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('sso.callbackUrlHelp')}
            </Text>
            <Code block>{callbackUrl}</Code>
          </div>
          <TextInput label={t('sso.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('sso.fields.issuer')}
            description={t('sso.fields.issuerHelp')}
            required
            placeholder="https://login.example.com"
            {...form.getInputProps('issuer')}
          />
          <Group grow align="flex-start">
            <TextInput label={t('sso.fields.clientId')} required {...form.getInputProps('clientId')} />
            <PasswordInput
              label={t('sso.fields.clientSecret')}
              description={provider ? t('sso.fields.clientSecretKeep') : undefined}
              required={!provider}
              autoComplete="new-password"
              {...form.getInputProps('clientSecret')}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('sso.fields.scopes')}
              description={t('sso.fields.scopesHelp')}
              {...form.getInputProps('scopes')}
            />
            <TextInput
              label={t('sso.fields.groupsClaim')}
              description={t('sso.fields.groupsClaimHelp')}
              {...form.getInputProps('groupsClaim')}
            />
          </Group>
          <Textarea
            label={t('sso.fields.domains')}
            description={t('sso.fields.domainsHelp')}
            autosize
            minRows={2}
            {...form.getInputProps('domains')}
          />
          <Switch
            label={t('sso.fields.linkByEmail')}
            description={t('sso.fields.linkByEmailHelp')}
            {...form.getInputProps('linkByEmail', { type: 'checkbox' })}
          />
          <Switch
            label={t('sso.fields.createUsers')}
            description={t('sso.fields.createUsersHelp')}
            {...form.getInputProps('createUsers', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('sso.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
