import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDetail } from '../../../shared/contracts/companies.js';
import { errorText } from '../../api/errors.js';
import { useFormat } from '../../lib/format.js';
import { moveAllDevices, refreshCompanies } from './api.js';
import { CompanyTargetSelect } from './CompanyTargetSelect.js';

/** Moves every device of the company to another one. Also offered when a delete is refused. */
export function MoveDevices({
  company,
  label,
  submitLabel,
}: {
  company: CompanyDetail;
  label: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: (targetCompanyId: string) => moveAllDevices(company.id, targetCompanyId),
    onSuccess: (result) => {
      setTarget(null);
      setProblem(null);
      refreshCompanies(queryClient);
      notifications.show({
        color: 'teal',
        message: t('companies.inventory.moved', { count: format.number(result.moved) }),
      });
    },
    onError: (error) => setProblem(errorText(t, error, format.locale)),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!target) setProblem(t('validation.required'));
        else move.mutate(target);
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 260px' }}>
          <CompanyTargetSelect
            label={label}
            excludeId={company.id}
            value={target}
            onChange={(id) => (setTarget(id), setProblem(null))}
            error={problem}
          />
        </div>
        <Button
          type="submit"
          leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
          loading={move.isPending}
          disabled={company.devicesCount === 0}
        >
          {submitLabel}
        </Button>
      </Group>
    </form>
  );
}
