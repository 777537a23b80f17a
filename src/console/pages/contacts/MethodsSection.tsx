import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  PinInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { methodTypes, type ContactDetail, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { contactMethods, refreshContacts } from './api.js';

/** A contact's e-mail addresses and numbers: add, enable, verify (link or code), remove. */
export function MethodsSection({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [type, setType] = useState<MethodType>('email');
  const [value, setValue] = useState('');
  const [label, setLabel] = useState('');
  const [codes, setCodes] = useState<Record<string, string>>({});
  const methods = contactMethods(contact.id);
  const editable = contact.abilities.update;
  const fail = (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error, locale) });
  const done = () => refreshContacts(queryClient);

  const add = useMutation({
    mutationFn: () => methods.add({ type, value: value.trim(), label: label.trim() || undefined }),
    onSuccess: () => {
      setValue('');
      setLabel('');
      done();
    },
    onError: fail,
  });
  const toggle = useMutation({
    mutationFn: (m: { id: string; enabled: boolean }) => methods.setEnabled(m.id, m.enabled),
    onSuccess: done,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: methods.remove,
    onSuccess: done,
    onError: fail,
  });
  const send = useMutation({
    mutationFn: methods.sendVerification,
    onSuccess: (sent) => {
      notifications.show({ color: 'teal', message: t('contacts.verificationSent', { to: sent.sentTo }) });
      done();
    },
    onError: fail,
  });
  const check = useMutation({
    mutationFn: (id: string) => methods.verify(id, codes[id] ?? ''),
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: t('contacts.verifiedNow', { value: result.value }) });
      done();
    },
    onError: fail,
  });

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('contacts.methods.title')}
        </Title>
        {contact.methods.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('contacts.methods.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label={t('contacts.methods.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contacts.methods.type')}</Table.Th>
                  <Table.Th>{t('contacts.methods.value')}</Table.Th>
                  <Table.Th>{t('contacts.methods.label')}</Table.Th>
                  <Table.Th>{t('contacts.methods.enabled')}</Table.Th>
                  <Table.Th>{t('contacts.methods.verified')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contact.methods.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{t(`contacts.methods.types.${m.type}`)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm">{m.value}</Text>
                        {m.primary ? (
                          <Badge size="xs" variant="light" color="gray">
                            {t('contacts.methods.primary')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{m.label}</Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={`${t('contacts.methods.enabled')}: ${m.value}`}
                        checked={m.enabled}
                        disabled={!editable}
                        onChange={(e) => toggle.mutate({ id: m.id, enabled: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      {m.verified ? (
                        <Badge color="teal" variant="light">
                          {t('contacts.methods.verified')}
                        </Badge>
                      ) : (
                        <Stack gap={6}>
                          <Badge color={m.verificationPending ? 'yellow' : 'gray'} variant="light">
                            {m.verificationPending ? t('contacts.methods.pending') : t('contacts.methods.unverified')}
                          </Badge>
                          {editable ? (
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() => send.mutate(m.id)}
                              loading={send.isPending && send.variables === m.id}
                            >
                              {m.verificationPending
                                ? t('contacts.methods.resend')
                                : t('contacts.methods.sendVerification')}
                            </Button>
                          ) : null}
                          {editable && m.verificationPending && m.type !== 'email' ? (
                            <Group gap={6} wrap="nowrap">
                              <PinInput
                                size="xs"
                                length={limits.verificationCode}
                                type="number"
                                oneTimeCode
                                aria-label={t('contacts.methods.enterCode')}
                                value={codes[m.id] ?? ''}
                                onChange={(code) => setCodes({ ...codes, [m.id]: code })}
                              />
                              <Button size="compact-xs" onClick={() => check.mutate(m.id)} loading={check.isPending}>
                                {t('contacts.methods.checkCode')}
                              </Button>
                            </Group>
                          ) : null}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {editable && !m.primary ? (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`${t('contacts.methods.remove')}: ${m.value}`}
                          onClick={() => remove.mutate(m.id)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editable ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (value.trim()) add.mutate();
            }}
          >
            <Group align="flex-end">
              <Select
                label={t('contacts.methods.type')}
                data={methodTypes.map((x) => ({ value: x, label: t(`contacts.methods.types.${x}`) }))}
                value={type}
                onChange={(x) => x && setType(x as MethodType)}
                allowDeselect={false}
                w={160}
              />
              <TextInput
                label={t('contacts.methods.value')}
                description={t('contacts.methods.valueHint')}
                value={value}
                maxLength={limits.methodValue}
                onChange={(e) => setValue(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <TextInput
                label={t('contacts.methods.label')}
                value={label}
                maxLength={limits.methodLabel}
                onChange={(e) => setLabel(e.currentTarget.value)}
                w={140}
              />
              <Button type="submit" leftSection={<IconPlus size={14} aria-hidden />} loading={add.isPending}>
                {t('contacts.methods.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
