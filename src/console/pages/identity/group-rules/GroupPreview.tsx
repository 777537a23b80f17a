import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDecision } from '../../../../shared/contracts/group-rules.js';
import { errorText } from '../../../api/errors.js';
import { labelOptions, useCompanyLabel } from '../../../company-label/useCompanyLabel.js';
import { useFormat } from '../../../lib/format.js';
import { previewGroups } from './api.js';

/** Groups typed one per line or separated by commas, without blanks or repeats. */
const groupsOf = (text: string) => [
  ...new Set(
    text
      .split(/[\n,]/)
      .map((g) => g.trim())
      .filter(Boolean),
  ),
];

/** What a person in the typed groups would get under the rules as they are now. */
export function GroupPreview({ companyName }: { companyName: (id: string) => string }) {
  const { t } = useTranslation();
  const words = useCompanyLabel();
  const { locale, list } = useFormat();
  const [text, setText] = useState('');
  const preview = useMutation({ mutationFn: (groups: string[]) => previewGroups(groups) });
  const describe = (decision: GroupDecision) => {
    if (decision.mapping === 'off') return t('groupMapping.preview.off');
    if (decision.mapping === 'no_match') return t('groupMapping.preview.noMatch');
    const access = decision.allCompanies
      ? t('groupMapping.fields.allCompanies', labelOptions(words))
      : list(decision.companyIds.map(companyName));
    return t('groupMapping.preview.granted', { role: t(`roles.${decision.role}`), access });
  };
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('groupMapping.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('groupMapping.preview.help')}
        </Text>
        <Textarea
          label={t('groupMapping.preview.label')}
          autosize
          minRows={2}
          maxRows={6}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group>
          <Button
            variant="default"
            disabled={groupsOf(text).length === 0}
            loading={preview.isPending}
            onClick={() => preview.mutate(groupsOf(text))}
          >
            {t('groupMapping.preview.run')}
          </Button>
        </Group>
        {preview.isError ? <Alert color="red">{errorText(t, preview.error, locale)}</Alert> : null}
        {preview.data ? (
          <Alert color={preview.data.mapping === 'granted' ? 'teal' : 'yellow'} data-testid="group-preview-result">
            <Text size="sm">{describe(preview.data)}</Text>
            {preview.data.mapping === 'granted' ? (
              <Text size="sm" mt={4}>
                {t('groupMapping.preview.matched', { groups: list(preview.data.groups) })}
              </Text>
            ) : null}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
