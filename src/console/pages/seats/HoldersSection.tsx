import { ActionIcon, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArmchair, IconPlus, IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModuleSeats, SeatHolder } from '../../../shared/contracts/seats.js';
import { useFormat } from '../../lib/format.js';
import { useSession } from '../../session/api.js';
import { Section } from '../account/Section.js';
import { AssignSeatModal } from './AssignSeatModal.js';
import { invalidateSeats, releaseSeat } from './api.js';
import { seatRefusalText } from './refusals.js';

/** Who holds the seats of one module; administrators assign and release them here. */
export function HoldersSection({ seats, canUpdate }: { seats: ModuleSeats; canUpdate: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const [assigning, setAssigning] = useState(false);
  const moduleName = t(`seats.modules.${seats.module}`);

  const release = useMutation({
    mutationFn: (holder: SeatHolder) => releaseSeat(seats.module, holder.userId),
    onSuccess: (_, holder) => {
      invalidateSeats(queryClient);
      notifications.show({
        color: 'teal',
        message: t('seats.holders.released', { name: holder.name, module: moduleName }),
      });
    },
    onError: (error) => {
      invalidateSeats(queryClient);
      notifications.show({
        color: 'red',
        title: t('seats.holders.releaseFailed'),
        message: seatRefusalText(t, error, format.locale),
      });
    },
  });

  return (
    <Section
      title={t('seats.holders.title', { module: moduleName })}
      description={t(`seats.moduleHelp.${seats.module}`)}
      actions={
        canUpdate ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAssigning(true)}
            aria-label={t('seats.assign.openFor', { module: moduleName })}
          >
            {t('seats.assign.open')}
          </Button>
        ) : null
      }
    >
      {seats.holders.length === 0 ? (
        <Group gap="sm" c="dimmed" py="md" justify="center">
          <IconArmchair size={20} aria-hidden />
          <Text size="sm">{t('seats.holders.empty', { module: moduleName })}</Text>
        </Group>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table
            verticalSpacing="sm"
            highlightOnHover
            aria-label={t('seats.holders.title', { module: moduleName })}
            data-testid={`holders-${seats.module}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('seats.holders.name')}</Table.Th>
                <Table.Th scope="col">{t('seats.holders.email')}</Table.Th>
                <Table.Th scope="col">{t('seats.holders.role')}</Table.Th>
                <Table.Th scope="col">{t('seats.holders.assignedAt')}</Table.Th>
                {canUpdate ? (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {seats.holders.map((holder) => (
                <Table.Tr key={holder.userId}>
                  <Table.Td fw={500}>
                    {holder.name}
                    {holder.userId === me.user.id ? (
                      <Badge variant="light" size="xs" ml={6}>
                        {t('seats.holders.you')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{holder.email}</Table.Td>
                  <Table.Td>{t(`roles.${holder.role}`)}</Table.Td>
                  <Table.Td>{format.dateTime(holder.assignedAt)}</Table.Td>
                  {canUpdate ? (
                    <Table.Td ta="right">
                      <Tooltip label={t('seats.holders.release')} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          loading={release.isPending && release.variables?.userId === holder.userId}
                          onClick={() => release.mutate(holder)}
                          aria-label={t('seats.holders.releaseNamed', { module: moduleName, name: holder.name })}
                        >
                          <IconUserMinus size={18} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {seats.hiddenHolders > 0 ? (
        <Text size="sm" c="dimmed">
          {t('seats.holders.hidden', { hidden: format.number(seats.hiddenHolders) })}
        </Text>
      ) : null}
      {canUpdate ? <AssignSeatModal seats={seats} opened={assigning} onClose={() => setAssigning(false)} /> : null}
    </Section>
  );
}
