import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ContactDetail } from '../../../shared/contracts/contacts.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { deleteContact, refreshContacts } from './api.js';

/** Deleting a contact, naming the alert rules and report schedules that send to it. */
export function DeleteModal({ contact, onClose }: { contact: ContactDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteContact(contact.id),
    onSuccess: () => {
      refreshContacts(queryClient);
      notifications.show({ color: 'teal', message: t('contacts.deleted') });
      void navigate('/contacts');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error, locale) }),
  });
  const used = [
    ...contact.usage.alertRules.map((r) => t('contacts.deleteRule', { name: r.name })),
    ...contact.usage.reportSchedules.map((s) => t('contacts.deleteSchedule', { name: s.name })),
  ];
  return (
    <Modal opened onClose={onClose} title={t('contacts.deleteTitle', { name: contact.name })} centered>
      <Stack>
        <Text size="sm">{t('contacts.deleteBody')}</Text>
        {used.length > 0 ? (
          <Alert color="yellow" variant="light" title={t('contacts.deleteUsedBy')}>
            <List size="sm">
              {used.map((u) => (
                <List.Item key={u}>{u}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('contacts.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
