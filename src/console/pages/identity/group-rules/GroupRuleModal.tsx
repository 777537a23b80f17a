import { Alert, Button, Group, Modal, MultiSelect, Radio, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { groupNameMaxLength, type GroupRule } from '../../../../shared/contracts/group-rules.js';
import { roles, type Role } from '../../../../shared/permissions.js';
import { ApiError } from '../../../api/client.js';
import { FormAlert } from '../../../components/Feedback.js';
import { companyChoicesStaleTime, useCompanyOptions } from '../../../company-filter/api.js';
import { labelOptions, useCompanyLabel } from '../../../company-label/useCompanyLabel.js';
import { useApiForm } from '../../../kit/useApiForm.js';
import { createGroupRule, refreshGroupRules, updateGroupRule } from './api.js';

interface Values {
  groupName: string;
  role: Role;
  access: 'all' | 'chosen';
  companyIds: string[];
}

/** A new rule from a group to a role and access, or a change to one. */
export function GroupRuleModal({ rule, onClose }: { rule: GroupRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const queryClient = useQueryClient();
  const companies = useCompanyOptions('', { staleTime: companyChoicesStaleTime });
  const { form, mutation, problems, onSubmit } = useApiForm({
    form: {
      mode: 'controlled',
      initialValues: {
        groupName: rule?.groupName ?? '',
        role: rule?.role ?? 'technician',
        access: rule?.allCompanies ? 'all' : 'chosen',
        companyIds: rule?.companies.map((c) => c.id) ?? [],
      } as Values,
    },
    mutationFn: (values: Values) => {
      const body = {
        groupName: values.groupName,
        role: values.role,
        allCompanies: values.access === 'all',
        companyIds: values.access === 'all' ? [] : values.companyIds,
      };
      return rule ? updateGroupRule(rule.id, body) : createGroupRule(body);
    },
    onSuccess: (saved) => {
      refreshGroupRules(queryClient);
      notifications.show({ color: 'teal', message: t('groupMapping.saved', { group: saved.groupName }) });
      onClose();
    },
    handleError: (error) => {
      if (!(error instanceof ApiError && error.code === 'conflict')) return false;
      form.setFieldError('groupName', t('groupMapping.taken'));
      return true;
    },
  });
  // companies beyond the first page of choices keep their names from the rule
  const known = new Map((companies.data?.items ?? []).map((c) => [c.id, c.name]));
  for (const c of rule?.companies ?? []) if (!known.has(c.id)) known.set(c.id, c.name);
  const administrator = form.values.role === 'administrator';
  return (
    <Modal
      opened
      onClose={onClose}
      title={rule ? t('groupMapping.editTitle', { group: rule.groupName }) : t('groupMapping.add')}
      centered
      size="lg"
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="md">
          <FormAlert messages={problems} />
          <TextInput
            label={t('groupMapping.fields.groupName')}
            description={t('groupMapping.fields.groupNameHelp')}
            required
            maxLength={groupNameMaxLength}
            data-autofocus
            {...form.getInputProps('groupName')}
          />
          <Select
            label={t('groupMapping.fields.role')}
            data={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          {administrator ? (
            <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {t('groupMapping.fields.administratorsAll')}
            </Alert>
          ) : (
            <>
              <Radio.Group label={t('groupMapping.fields.accessLabel')} {...form.getInputProps('access')}>
                <Stack gap="sm" mt="xs">
                  <Radio value="all" label={t('groupMapping.fields.allCompanies', labelOptions(words))} />
                  <Radio value="chosen" label={t('groupMapping.fields.chosen')} />
                </Stack>
              </Radio.Group>
              {form.values.access === 'chosen' ? (
                <MultiSelect
                  label={words.plural}
                  required
                  searchable
                  data={[...known].map(([value, label]) => ({ value, label }))}
                  nothingFoundMessage={t('common.nothingFound')}
                  maxDropdownHeight={240}
                  {...form.getInputProps('companyIds')}
                />
              ) : null}
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('groupMapping.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
