import { Button, Fieldset, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyLabel } from '../../../shared/contracts/accounts.js';
import type { Me } from '../../../shared/contracts/me.js';
import { sessionKeys, useSession } from '../../session/api.js';
import { FormAlert } from '../../components/Feedback.js';
import { saveCompanyLabel } from '../../company-label/api.js';
import { currentLanguage } from '../../i18n.js';
import { formProblems, type ProblemForm } from '../../kit/form-problems.js';
import { useFormat } from '../../lib/format.js';

/** The companyLabel words' bound, as the shared contract has it. */
const wordMax = 40;

type Values = { enSingular: string; enPlural: string; frSingular: string; frPlural: string };

/** The form field of each word the server may refuse. */
const formFieldOf = {
  'companyLabel.en.singular': 'enSingular',
  'companyLabel.en.plural': 'enPlural',
  'companyLabel.fr.singular': 'frSingular',
  'companyLabel.fr.plural': 'frPlural',
};

function valuesOf(label: CompanyLabel | null): Values {
  return {
    enSingular: label?.en.singular ?? '',
    enPlural: label?.en.plural ?? '',
    frSingular: label?.fr.singular ?? '',
    frPlural: label?.fr.plural ?? '',
  };
}

/**
 * general.companyLabel: the account's own word for "company", in English and in French (a word the
 * server refuses said on its field).
 */
export function CompanyLabelSection() {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const me = useSession();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [problems, setProblems] = useState<string[]>([]);
  const current = me.account.companyLabel;
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(current),
    validate: { enSingular: required, enPlural: required, frSingular: required, frPlural: required },
  });

  const save = useMutation({
    mutationFn: saveCompanyLabel,
    onSuccess: (account) => {
      queryClient.setQueryData<Me | null>(sessionKeys.me, (me) => (me ? { ...me, account } : me));
      form.setValues(valuesOf(account.companyLabel));
      form.resetDirty(valuesOf(account.companyLabel));
      notifications.show({
        color: 'teal',
        message: account.companyLabel ? t('companyLabel.form.saved') : t('companyLabel.form.resetDone'),
      });
    },
    onError: (error) =>
      setProblems(formProblems(form as unknown as ProblemForm, error, t, currentLanguage(), locale, { formFieldOf })),
  });

  const submit = form.onSubmit((v) => {
    setProblems([]);
    save.mutate({
      en: { singular: v.enSingular.trim(), plural: v.enPlural.trim() },
      fr: { singular: v.frSingular.trim(), plural: v.frPlural.trim() },
    });
  });

  const words = (lang: 'en' | 'fr') => (
    <Fieldset legend={t(lang === 'en' ? 'companyLabel.form.english' : 'companyLabel.form.french')} variant="filled">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        {(['Singular', 'Plural'] as const).map((word) => (
          <TextInput
            key={word}
            label={t(word === 'Singular' ? 'companyLabel.form.singular' : 'companyLabel.form.plural')}
            placeholder={t(
              word === 'Singular' ? 'companyLabel.form.singularPlaceholder' : 'companyLabel.form.pluralPlaceholder',
            )}
            maxLength={wordMax}
            lang={lang}
            required
            {...form.getInputProps(`${lang}${word}`)}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );

  return (
    <Paper component="section" withBorder radius="md" p={{ base: 'md', sm: 'lg' }} aria-labelledby={titleId}>
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <div>
            <Title order={2} fz="lg" id={titleId}>
              {t('companyLabel.form.title')}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('companyLabel.form.description')}
            </Text>
            {!current ? (
              <Text size="sm" mt={4}>
                {t('companyLabel.form.usingDefault')}
              </Text>
            ) : null}
          </div>
          <FormAlert messages={problems} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {words('en')}
            {words('fr')}
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            {current ? (
              <Button variant="default" onClick={() => save.mutate(null)} disabled={save.isPending}>
                {t('companyLabel.form.reset')}
              </Button>
            ) : null}
            <Button type="submit" loading={save.isPending}>
              {t('companyLabel.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
