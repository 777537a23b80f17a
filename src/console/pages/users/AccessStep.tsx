import { Alert, MultiSelect, Radio, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '../../../shared/contracts/users.js';
import { FormAlert } from '../../components/Feedback.js';
import { labelOptions, useCompanyLabel } from '../../company-label/useCompanyLabel.js';
import { useCompanyChoices } from './api.js';
import { SectionSave } from './SectionSave.js';
import { useSaveUser } from './useSaveUser.js';

/** The companies the user works in: all of them, or those chosen (administrators always have all). */
export function AccessStep({ user }: { user: ManagedUser }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const companies = useCompanyChoices();
  const [problems, setProblems] = useState<string[]>([]);
  const [mode, setMode] = useState<'all' | 'chosen'>(user.companyAccess === 'all' ? 'all' : 'chosen');
  const [chosen, setChosen] = useState<string[]>(user.companyAccess === 'all' ? [] : user.companyAccess);
  const [error, setError] = useState<string | null>(null);
  const readOnly = !user.abilities.update;
  const admin = user.role === 'administrator';
  const save = useSaveUser(user, setProblems, (_field, message) => setError(message));
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
        <SectionSave readOnly={readOnly || admin} dirty={dirty} loading={save.isPending} />
      </Stack>
    </form>
  );
}
