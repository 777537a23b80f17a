import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../shared/permissions.js';

/** Role choices with what each may do, shared by the invitation and the user's role step. */
export function RoleChoices({
  value,
  onChange,
  disabled,
}: {
  value: Role;
  onChange: (role: Role) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as Role)} label={t('users.fields.role')} required>
      <Stack gap="sm" mt="xs">
        {roles.map((role) => (
          <Radio
            key={role}
            value={role}
            disabled={disabled}
            label={t(`roles.${role}`)}
            description={t(`users.roleHelp.${role}`)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
