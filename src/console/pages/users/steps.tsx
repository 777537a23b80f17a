import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ManagedUser, UpdateUserBody } from '../../../shared/contracts/users.js';
import { modules, type Module } from '../../../shared/licence.js';
import { limits } from '../../../shared/limits.js';
import { languages, type Language } from '../../../shared/locales.js';
import type { Role } from '../../../shared/permissions.js';
import type { FieldProblem } from '../../../shared/field-problems.js';
import { ApiError } from '../../api/client.js';
import { fieldProblemText, validators } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { timeZoneOptions } from '../../lib/time.js';
import { can, sessionKeys, useSession } from '../../session/api.js';
import { assignSeat, invalidateSeats, releaseSeat, useSeats } from '../seats/api.js';
import { seatRefusalText } from '../seats/refusals.js';
import { refreshUsers, updateUser, useCompanyChoices, userErrorText, userKeys } from './api.js';
import { RoleChoices } from './InviteModal.js';

/** Saves one step's changes; puts field problems on the form, others above it. */
function useSaveUser(
  user: ManagedUser,
  onSaved: () => void,
  setProblems: (p: string[]) => void,
  setFieldError?: (field: string, message: string) => void,
) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateUserBody) => updateUser(user.id, patch),
    onSuccess: (saved, patch) => {
      queryClient.setQueryData(userKeys.detail(user.id), saved);
      refreshUsers(queryClient);
      if (saved.id === me.user.id) void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
      const told = (patch.role !== undefined || patch.companyIds !== undefined) && saved.status === 'active';
      notifications.show({
        color: 'teal',
        message: told ? t('users.steps.savedAndTold', { name: saved.name }) : t('users.steps.saved'),
      });
      setProblems([]);
      onSaved();
    },
    onError: (error) => {
      if (error instanceof ApiError && Array.isArray(error.details) && setFieldError) {
        const rest: string[] = [];
        for (const d of error.details as FieldProblem[]) {
          const field = d.path.split('.')[0] ?? '';
          const text =
            error.code === 'conflict' && field === 'email'
              ? t('users.errors.emailTaken')
              : fieldProblemText(t, d, currentLanguage());
          if (['name', 'email', 'language', 'timeZone', 'companyIds'].includes(field)) setFieldError(field, text);
          else rest.push(text);
        }
        setProblems(rest);
        return;
      }
      setProblems([userErrorText(t, error, locale)]);
    },
  });
}

function StepButtons({ onBack, children }: { onBack?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="lg">
      {onBack ? (
        <Button variant="default" onClick={onBack}>
          {t('users.steps.back')}
        </Button>
      ) : (
        <span />
      )}
      <Group gap="sm">{children}</Group>
    </Group>
  );
}

/** Moves on, saving first when the step changed something the actor may change. */
function NextButton({
  readOnly,
  dirty,
  loading,
  last = false,
  onNext,
}: {
  readOnly: boolean;
  dirty: boolean;
  loading?: boolean;
  last?: boolean;
  onNext?: () => void;
}) {
  const { t } = useTranslation();
  if (readOnly || !dirty)
    return last ? (
      <Button component={Link} to="/users">
        {t('users.steps.done')}
      </Button>
    ) : (
      <Button onClick={onNext}>{t('users.steps.next')}</Button>
    );
  return (
    <Button type="submit" loading={loading}>
      {last ? t('users.steps.save') : t('users.steps.saveAndNext')}
    </Button>
  );
}

interface DetailsValues {
  name: string;
  email: string;
  language: Language;
  timeZone: string;
}

export function DetailsStep({ user, onNext }: { user: ManagedUser; onNext: () => void }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const readOnly = !user.abilities.update;
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);
  const v = validators(t);
  const form = useForm<DetailsValues>({
    mode: 'controlled',
    initialValues: { name: user.name, email: user.email, language: user.language, timeZone: user.timeZone },
    validate: { name: v.required, email: v.email },
  });
  const save = useSaveUser(user, onNext, setProblems, (field, message) =>
    form.setFieldError(field as keyof DetailsValues, message),
  );
  const changes = (values: DetailsValues): UpdateUserBody => {
    const patch: UpdateUserBody = {};
    if (values.name.trim() !== user.name) patch.name = values.name.trim();
    if (values.email.trim().toLowerCase() !== user.email) patch.email = values.email.trim().toLowerCase();
    if (values.language !== user.language) patch.language = values.language;
    if (values.timeZone !== user.timeZone) patch.timeZone = values.timeZone;
    return patch;
  };
  const dirty = Object.keys(changes(form.getValues())).length > 0;
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(changes(values)))}>
      <Stack gap="md" mt="md">
        <FormAlert messages={problems} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('users.fields.name')}
            required
            maxLength={limits.name}
            disabled={readOnly}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('users.fields.email')}
            description={t('users.steps.details.emailHelp')}
            type="email"
            required
            maxLength={limits.email}
            disabled={readOnly}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('users.fields.language')}
            description={t('users.steps.details.languageHelp')}
            data={languages.map((language) => ({ value: language, label: t('language.self', { lng: language }) }))}
            allowDeselect={false}
            disabled={readOnly}
            {...form.getInputProps('language')}
          />
          <Select
            label={t('users.fields.timeZone')}
            data={zones}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
            maxDropdownHeight={280}
            limit={100}
            disabled={readOnly}
            {...form.getInputProps('timeZone')}
          />
        </SimpleGrid>
        <StepButtons>
          <NextButton readOnly={readOnly} dirty={dirty} loading={save.isPending} onNext={onNext} />
        </StepButtons>
      </Stack>
    </form>
  );
}

export function RoleStep({ user, onNext, onBack }: { user: ManagedUser; onNext: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [problems, setProblems] = useState<string[]>([]);
  const [role, setRole] = useState<Role>(user.role);
  const readOnly = !user.abilities.update;
  const locked = !user.abilities.changeRole;
  const save = useSaveUser(user, onNext, setProblems);
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
          <Text size="sm" c="orange.8">
            {t('users.steps.role.viewerLosesSeats')}
          </Text>
        ) : null}
        {dirty && user.role === 'administrator' ? (
          <Text size="sm" c="dimmed">
            {t('users.steps.role.demotedKeepsAll')}
          </Text>
        ) : null}
        <StepButtons onBack={onBack}>
          <NextButton readOnly={readOnly || locked} dirty={dirty} loading={save.isPending} onNext={onNext} />
        </StepButtons>
      </Stack>
    </form>
  );
}

export function AccessStep({ user, onNext, onBack }: { user: ManagedUser; onNext: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const [problems, setProblems] = useState<string[]>([]);
  const [mode, setMode] = useState<'all' | 'chosen'>(user.companyAccess === 'all' ? 'all' : 'chosen');
  const [chosen, setChosen] = useState<string[]>(user.companyAccess === 'all' ? [] : user.companyAccess);
  const [error, setError] = useState<string | null>(null);
  const readOnly = !user.abilities.update;
  const admin = user.role === 'administrator';
  const save = useSaveUser(user, onNext, setProblems, (_field, message) => setError(message));
  const wanted = mode === 'all' ? 'all' : [...chosen].sort();
  const current = user.companyAccess === 'all' ? 'all' : [...user.companyAccess].sort();
  const dirty = !admin && JSON.stringify(wanted) !== JSON.stringify(current);
  // companies outside the signed-in person's sight are not listed: keep their names as ids
  const options = [
    ...companies.options,
    ...chosen.filter((id) => !companies.nameOf(id)).map((id) => ({ value: id, label: t('users.companies.unknown') })),
  ];
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'chosen' && chosen.length === 0) {
          setError(t('users.access.chooseOne'));
          return;
        }
        save.mutate({ companyIds: wanted });
      }}
    >
      <Stack gap="md" mt="md">
        <FormAlert messages={problems} />
        {admin ? (
          <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
            {t('users.access.administratorsAll', labelOptions(words))}
          </Alert>
        ) : (
          <>
            <Radio.Group
              label={t('users.access.label', labelOptions(words))}
              value={mode}
              onChange={(value) => setMode(value as 'all' | 'chosen')}
            >
              <Stack gap="sm" mt="xs">
                <Radio
                  value="all"
                  label={t('companySwitcher.all', labelOptions(words))}
                  description={t('users.access.allHelp', labelOptions(words))}
                  disabled={readOnly}
                />
                <Radio
                  value="chosen"
                  label={t('users.access.chosen', labelOptions(words))}
                  description={t('users.access.chosenHelp', labelOptions(words))}
                  disabled={readOnly}
                />
              </Stack>
            </Radio.Group>
            {mode === 'chosen' ? (
              <MultiSelect
                label={words.plural}
                data={options}
                value={chosen}
                onChange={(value) => {
                  setChosen(value);
                  setError(null);
                }}
                error={error}
                searchable
                disabled={readOnly}
                nothingFoundMessage={t('common.nothingFound')}
                maxDropdownHeight={240}
              />
            ) : null}
          </>
        )}
        <StepButtons onBack={onBack}>
          <NextButton readOnly={readOnly || admin} dirty={dirty} loading={save.isPending} onNext={onNext} />
        </StepButtons>
      </Stack>
    </form>
  );
}

/** Module access is a seat of the module: the seats routes assign and release them. */
export function SeatsStep({ user, onBack }: { user: ManagedUser; onBack: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const seats = useSeats();
  const [problems, setProblems] = useState<string[]>([]);
  const mayChange = user.abilities.manageSeats && can(me, 'seats.update');
  const toggle = useMutation({
    mutationFn: async ({ module, hold }: { module: Module; hold: boolean }) => {
      if (hold) await assignSeat(module, user.id);
      else await releaseSeat(module, user.id);
    },
    onSuccess: (_r, { module, hold }) => {
      setProblems([]);
      refreshUsers(queryClient);
      invalidateSeats(queryClient);
      notifications.show({
        color: 'teal',
        message: t(hold ? 'users.steps.seats.assigned' : 'users.steps.seats.released', {
          name: user.name,
          module: t(`seats.modules.${module}`),
        }),
      });
    },
    onError: (error) => setProblems([seatRefusalText(t, error, locale)]),
  });
  const why = !user.abilities.update
    ? null
    : user.role === 'viewer'
      ? t('users.steps.seats.viewer')
      : user.status === 'disabled'
        ? t('users.steps.seats.disabled')
        : null;
  return (
    <Stack gap="md" mt="md">
      <Text size="sm" c="dimmed">
        {t('users.steps.seats.intro')}
      </Text>
      <FormAlert messages={problems} />
      {why ? (
        <Alert variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {why}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {modules.map((module) => {
          const held = user.seats.includes(module);
          const usage = seats.data?.modules.find((m) => m.module === module);
          const busy = toggle.isPending && toggle.variables?.module === module;
          return (
            <Paper key={module} withBorder radius="md" p="md">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Text fw={600}>{t(`seats.modules.${module}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`seats.moduleHelp.${module}`)}
                  </Text>
                  {usage ? (
                    <Badge variant="light" color={usage.used >= usage.total ? 'orange' : 'gray'} mt={4}>
                      {t('seats.usageLabel', {
                        name: t(`seats.modules.${module}`),
                        used: usage.used,
                        total: usage.total,
                      })}
                    </Badge>
                  ) : null}
                </Stack>
                <Switch
                  checked={held}
                  disabled={!mayChange || busy}
                  onChange={(e) => toggle.mutate({ module, hold: e.currentTarget.checked })}
                  label={held ? t('users.steps.seats.holds') : t('users.steps.seats.lacks')}
                  labelPosition="left"
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  aria-label={t('users.steps.seats.toggle', { module: t(`seats.modules.${module}`) })}
                />
              </Group>
            </Paper>
          );
        })}
      </SimpleGrid>
      <StepButtons onBack={onBack}>
        <NextButton readOnly dirty={false} last />
      </StepButtons>
    </Stack>
  );
}
