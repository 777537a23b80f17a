import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import { useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import type { DataColumn } from '../../kit/DataTable.js';
import { useSession } from '../../session/api.js';
import { useCompanyChoices } from './api.js';
import { CompanyAccessText, RoleBadge, SeatBadges, StatusBadge } from './parts.js';
import { UserActions } from './UserActions.js';

/** The user's name (linking to their page, "you" for the signed-in person) over their e-mail. */
function UserCell({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const me = useSession();
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/users/${user.id}`} fw={500} size="sm">
        {user.name}
        {user.id === me.user.id ? (
          <Text span c="dimmed" size="xs">
            {' '}
            {t('users.list.you')}
          </Text>
        ) : null}
      </Anchor>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        {user.email}
      </Text>
    </Stack>
  );
}

/** The users list's columns: user, role, status, company access, seats, actions. */
export function useUserColumns(): DataColumn<ManagedUser>[] {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  return [
    { key: 'user', header: t('users.list.columns.user'), cell: (user) => <UserCell user={user} /> },
    { key: 'role', header: t('users.fields.role'), cell: (user) => <RoleBadge role={user.role} /> },
    { key: 'status', header: t('users.fields.status'), cell: (user) => <StatusBadge user={user} /> },
    {
      key: 'companies',
      header: words.plural,
      style: { maxWidth: 260 },
      cell: (user) => <CompanyAccessText access={user.companyAccess} nameOf={companies.nameOf} />,
    },
    { key: 'seats', header: t('users.list.columns.seats'), cell: (user) => <SeatBadges seats={user.seats} /> },
    {
      key: 'actions',
      header: t('common.actions'),
      hiddenHeader: true,
      width: 48,
      cell: (user) => <UserActions user={user} />,
    },
  ];
}
