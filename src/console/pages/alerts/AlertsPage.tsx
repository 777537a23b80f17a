import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accountWideEvents,
  alertEvents,
  alertRuleSchema,
  alertTestResult,
  delayedEvents,
  type AlertEvent,
  type AlertRule,
} from '../../../shared/contracts/alerts.js';
import { listResponse } from '../../../shared/contracts/common.js';
import { methodTypes, type MethodType } from '../../../shared/contracts/contacts.js';
import { limits } from '../../../shared/limits.js';
import { api } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { can, useSession } from '../../api/queries.js';
import { FormAlert, LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormat } from '../../lib/format.js';
import { PageGuard } from '../StatusPages.js';
import { ContactPicker, type ChosenContact } from '../contacts/ContactPicker.js';
import { useCompanyChoices } from '../users/api.js';

const ruleList = listResponse(alertRuleSchema);

interface RecipientChoice extends ChosenContact {
  methodTypes: MethodType[];
}

/** Creates a rule, or changes one: the same form, prefilled from the rule. */
function RuleFormModal({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const [name, setName] = useState(rule?.name ?? '');
  const [event, setEvent] = useState<AlertEvent>(rule?.event ?? 'device_offline');
  const [delay, setDelay] = useState<number>(rule && delayedEvents.includes(rule.event) ? rule.delayMinutes : 5);
  const [companyIds, setCompanyIds] = useState<string[]>(
    rule && !rule.allCompanies ? rule.companies.map((c) => c.id) : [],
  );
  const [recipients, setRecipients] = useState<RecipientChoice[]>(
    rule?.recipients.map((r) => ({ id: r.contactId, label: r.name, methodTypes: r.methodTypes })) ?? [],
  );
  const [urgent, setUrgent] = useState(rule?.urgent ?? false);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [problems, setProblems] = useState<string[]>([]);
  const accountWide = accountWideEvents.includes(event);
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        event,
        delayMinutes: delayedEvents.includes(event) ? delay : 0,
        companyIds: accountWide || companyIds.length === 0 ? ('all' as const) : companyIds,
        recipients: recipients.map((r) => ({ contactId: r.id, methodTypes: r.methodTypes })),
        urgent,
        enabled,
      };
      return rule
        ? api.patch(`/alert-rules/${rule.id}`, body, { schema: alertRuleSchema })
        : api.post('/alert-rules', body, { schema: alertRuleSchema });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['alert-rules'] });
      notifications.show({ color: 'teal', message: t('alerts.saved') });
      onClose();
    },
    onError: (error) => setProblems([errorText(t, error, locale)]),
  });
  const chooseRecipients = (chosen: ChosenContact[]) =>
    setRecipients(chosen.map((c) => recipients.find((r) => r.id === c.id) ?? { ...c, methodTypes: ['email'] }));
  const setKinds = (id: string, kinds: MethodType[]) =>
    setRecipients(recipients.map((r) => (r.id === id ? { ...r, methodTypes: kinds } : r)));
  return (
    <Modal
      opened
      onClose={onClose}
      title={rule ? t('alerts.editTitle', { name: rule.name }) : t('alerts.new')}
      size="lg"
      centered
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormAlert messages={problems} />
          <TextInput
            label={t('alerts.fields.name')}
            required
            maxLength={limits.alertRuleName}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Select
            label={t('alerts.fields.event')}
            data={alertEvents.map((x) => ({ value: x, label: t(`alerts.events.${x}`) }))}
            value={event}
            onChange={(x) => x && setEvent(x as AlertEvent)}
            allowDeselect={false}
          />
          {delayedEvents.includes(event) ? (
            <NumberInput
              label={t('alerts.fields.delay')}
              description={t('alerts.fields.delayHint')}
              min={0}
              max={limits.alertDelayMinutes}
              value={delay}
              onChange={(v) => setDelay(Number(v) || 0)}
            />
          ) : null}
          {accountWide ? (
            <Text size="sm" c="dimmed">
              {t('alerts.fields.accountWide')}
            </Text>
          ) : (
            <MultiSelect
              label={t('alerts.fields.companies')}
              placeholder={t('alerts.fields.allCompanies')}
              data={companies.options}
              value={companyIds}
              onChange={setCompanyIds}
              searchable
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <ContactPicker
            label={t('alerts.fields.recipients')}
            value={recipients}
            onChange={chooseRecipients}
            maxValues={limits.alertRecipients}
            required
          />
          {recipients.map((r) => (
            <Checkbox.Group
              key={r.id}
              label={t('alerts.fields.methodsOf', { name: r.label })}
              value={r.methodTypes}
              onChange={(v) => setKinds(r.id, v as MethodType[])}
            >
              <Group mt="xs">
                {methodTypes.map((x) => (
                  <Checkbox key={x} value={x} label={t(`contacts.methods.types.${x}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          ))}
          <Switch
            label={t('alerts.fields.urgent')}
            checked={urgent}
            onChange={(e) => setUrgent(e.currentTarget.checked)}
          />
          <Switch
            label={t('alerts.fields.enabled')}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {rule ? t('alerts.save') : t('alerts.new')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Rules() {
  const { t } = useTranslation();
  const me = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const rules = useInfiniteQuery({
    queryKey: ['alert-rules', 'list'],
    queryFn: ({ pageParam, signal }) =>
      api.get('/alert-rules', {
        query: { limit: limits.pageSizeDefault, cursor: pageParam },
        schema: ruleList,
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['alert-rules'] });
  const fail = (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error, format.locale) });
  const toggle = useMutation({
    mutationFn: (r: { id: string; enabled: boolean }) =>
      api.patch(`/alert-rules/${r.id}`, { enabled: r.enabled }, { schema: alertRuleSchema }),
    onSuccess: refresh,
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/alert-rules/${id}`),
    onSuccess: refresh,
    onError: fail,
  });
  const test = useMutation({
    mutationFn: (id: string) => api.post(`/alert-rules/${id}/test`, undefined, { schema: alertTestResult }),
    onSuccess: (r) => notifications.show({ color: 'teal', message: t('alerts.tested', { count: r.messages }) }),
    onError: fail,
  });
  const items = rules.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        description={t('alerts.description')}
        actions={
          can(me, 'alerts.manage') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('alerts.new')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p="lg">
        {rules.isPending ? (
          <PageLoader />
        ) : rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : items.length === 0 ? (
          <Group gap="sm" c="dimmed" justify="center" py="lg">
            <IconBell size={20} aria-hidden />
            <Text size="sm">{t('alerts.empty')}</Text>
          </Group>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={t('alerts.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('alerts.columns.name')}</Table.Th>
                  <Table.Th>{t('alerts.columns.event')}</Table.Th>
                  <Table.Th>{t('alerts.columns.recipients')}</Table.Th>
                  <Table.Th>{t('alerts.columns.state')}</Table.Th>
                  <Table.Th>{t('alerts.columns.lastFired')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>
                      {t(`alerts.events.${r.event}`)}
                      {r.delayMinutes ? ` (${format.number(r.delayMinutes)} min)` : ''}
                    </Table.Td>
                    <Table.Td>
                      {r.recipients
                        .map(
                          (x) => `${x.name} (${x.methodTypes.map((m) => t(`contacts.methods.types.${m}`)).join(', ')})`,
                        )
                        .join('; ')}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Switch
                          aria-label={`${t('alerts.fields.enabled')}: ${r.name}`}
                          checked={r.enabled}
                          disabled={!r.abilities.update}
                          onChange={(e) => toggle.mutate({ id: r.id, enabled: e.currentTarget.checked })}
                        />
                        {r.openConditions ? (
                          <Badge variant="light" color="yellow">
                            {t('alerts.open', { count: r.openConditions })}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{r.lastFiredAt ? format.dateTime(r.lastFiredAt) : t('alerts.never')}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {r.abilities.update ? (
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-label={`${t('alerts.edit')}: ${r.name}`}
                            leftSection={<IconPencil size={14} aria-hidden />}
                            onClick={() => setEditing(r)}
                          >
                            {t('alerts.edit')}
                          </Button>
                        ) : null}
                        {r.abilities.test ? (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => test.mutate(r.id)}
                            loading={test.isPending && test.variables === r.id}
                          >
                            {t('alerts.test')}
                          </Button>
                        ) : null}
                        {r.abilities.delete ? (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="subtle"
                            aria-label={`${t('alerts.delete')}: ${r.name}`}
                            onClick={() =>
                              window.confirm(t('alerts.deleteConfirm', { name: r.name })) && remove.mutate(r.id)
                            }
                          >
                            <IconTrash size={14} aria-hidden />
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing ? <RuleFormModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

export default function AlertsPage() {
  return (
    <PageGuard page="alerts">
      <Rules />
    </PageGuard>
  );
}
