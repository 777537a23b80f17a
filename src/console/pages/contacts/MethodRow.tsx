import { ActionIcon, Badge, Group, Switch, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ContactMethod } from '../../../shared/contracts/contacts.js';
import { contactMethods } from './api.js';
import { MethodVerification } from './MethodVerification.js';
import { useMethodMutation } from './useMethodMutation.js';

/** One method of a contact: type, value (primary or not), label, on/off, verification, and removal. */
export function MethodRow({
  contactId,
  method: m,
  editable,
}: {
  contactId: string;
  method: ContactMethod;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const methods = contactMethods(contactId);
  const toggle = useMethodMutation((enabled: boolean) => methods.setEnabled(m.id, enabled));
  const remove = useMethodMutation(methods.remove);
  return (
    <Table.Tr>
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
          onChange={(e) => toggle.mutate(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <MethodVerification contactId={contactId} method={m} editable={editable} />
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
  );
}
