import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactDetail } from '../../../shared/contracts/contacts.js';
import { AddMethodForm } from './AddMethodForm.js';
import { MethodRow } from './MethodRow.js';

/** A contact's e-mail addresses and numbers: add, enable, verify (link or code), remove. */
export function MethodsSection({ contact }: { contact: ContactDetail }) {
  const { t } = useTranslation();
  const editable = contact.abilities.update;
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
                  <MethodRow key={m.id} contactId={contact.id} method={m} editable={editable} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {editable ? <AddMethodForm contactId={contact.id} /> : null}
      </Stack>
    </Paper>
  );
}
