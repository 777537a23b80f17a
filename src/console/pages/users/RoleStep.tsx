import { Alert, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import type { Role } from '../../../shared/permissions.js';
import { FormAlert } from '../../components/Feedback.js';
import { RoleChoices } from './RoleChoices.js';
import { SectionSave } from './SectionSave.js';
import { useSaveUser } from './useSaveUser.js';

/** The user's role (locked for the last administrator), with what a change costs. */
export function RoleStep({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const [role, setRole] = useState<Role>(user.role);
  const readOnly = !user.abilities.update;
  const locked = !user.abilities.changeRole;
  const save = useSaveUser(user, setProblems);
  const dirty = role !== user.role;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ role });
      }}
    >
      <Stack gap="md" mt="md">
        <FormAlert messages={problems} />
        {locked && !readOnly ? (
          <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            {t('users.steps.role.lastAdministrator')}
          </Alert>
        ) : null}
        <RoleChoices value={role} onChange={setRole} disabled={readOnly || locked} />
        {dirty && role === 'viewer' && user.seats.length > 0 ? (
          <Text size="sm" c="orange">
            {t('users.steps.role.viewerLosesSeats')}
          </Text>
        ) : null}
        {dirty && user.role === 'administrator' ? (
          <Text size="sm" c="dimmed">
            {t('users.steps.role.demotedKeepsAll')}
          </Text>
        ) : null}
        <SectionSave readOnly={readOnly || locked} dirty={dirty} loading={save.isPending} />
      </Stack>
    </form>
  );
}
