import { Alert, Anchor, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { deleteRefusalDetails, type CompanyDetail, type DeleteRefusal } from '../../../shared/contracts/companies.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useFormat } from '../../lib/format.js';
import { companyKeys, deleteCompany, refreshCompanies } from './api.js';
import { MoveDevices } from './MoveDevices.js';

const shownUsers = 20;

function Refusal({
  company,
  refusal,
  onClose,
}: {
  company: CompanyDetail;
  refusal: DeleteRefusal;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const format = useFormat();
  if (refusal.reason === 'last_company') {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
        {t('companies.delete.lastCompany', { ...labelOptions(words), context: undefined, name: company.name })}
      </Alert>
    );
  }
  if (refusal.reason === 'has_devices') {
    return (
      <Stack gap="sm">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('companies.delete.hasDevices', { name: company.name, count: format.number(refusal.deviceCount) })}
        </Alert>
        <MoveDevices
          company={{ ...company, devicesCount: refusal.deviceCount }}
          buttonLabel={t('companies.delete.move')}
        />
        <Anchor component={Link} to={`/companies/${company.id}/inventory`} onClick={onClose} size="sm">
          {t('companies.delete.goClear')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
      <Text size="sm" mb="xs">
        {t('companies.delete.usersLeft')}
      </Text>
      <List size="sm" spacing={2}>
        {refusal.users.slice(0, shownUsers).map((u) => (
          <List.Item key={u.id}>
            {u.name} ({u.email})
          </List.Item>
        ))}
      </List>
      {refusal.userCount > shownUsers ? (
        <Text size="sm" mt="xs">
          {t('companies.delete.usersMore', { count: format.number(refusal.userCount - shownUsers) })}
        </Text>
      ) : null}
    </Alert>
  );
}

export function DeleteCompanyModal({
  company,
  opened,
  onClose,
}: {
  company: CompanyDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<DeleteRefusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setRefusal(null);
    setProblem(null);
    onClose();
  };
  const remove = useMutation({
    mutationFn: () => deleteCompany(company.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: companyKeys.detail(company.id) });
      refreshCompanies(queryClient);
      notifications.show({ color: 'teal', message: t('companies.delete.deleted', { name: company.name }) });
      close();
      void navigate('/companies', { replace: true });
    },
    onError: (error) => {
      const details =
        error instanceof ApiError && error.code === 'conflict' ? deleteRefusalDetails.safeParse(error.details) : null;
      if (details?.success) {
        setRefusal(details.data);
        setProblem(null);
        refreshCompanies(queryClient);
      } else {
        setProblem(errorText(t, error, locale));
      }
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('companies.delete.title', { name: company.name })}
      centered
      size="lg"
    >
      <Stack gap="md">
        <Text size="sm">{t('companies.delete.message')}</Text>
        {refusal ? <Refusal company={company} refusal={refusal} onClose={close} /> : null}
        {problem ? (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => remove.mutate()}
            leftSection={<IconTrash size={16} aria-hidden />}
          >
            {t('companies.delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
