import { Button, Code, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconListCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvImportReport } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { useFormat } from '../../lib/format.js';
import { importUsers, refreshUsers } from './api.js';
import { importErrorText } from './import-errors.js';
import { ImportReport } from './ImportReport.js';

const example =
  'email,name,role,companies\nada@example.com,Ada Lovelace,technician,Head office;North site\ngrace@example.com,Grace Hopper,viewer,all';

/**
 * CSV import in two steps: a dry run lists each row's problems without writing anything; the
 * import itself invites every row, or nobody when a row has a problem.
 */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<CsvImportReport | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const close = () => {
    setCsv('');
    setReport(null);
    setProblems([]);
    onClose();
  };
  const change = (text: string) => {
    setCsv(text);
    setReport(null);
    setProblems([]);
  };
  const readFile = async (file: File | null) => {
    if (!file) return;
    if (file.size > limits.csvImportBytes) {
      setProblems([t('users.import.tooLarge')]);
      return;
    }
    change(await file.text());
  };

  const check = useMutation({
    mutationFn: (dryRun: boolean) => importUsers(csv, dryRun),
    onSuccess: (result) => {
      if (result.dryRun) {
        setReport(result);
        return;
      }
      refreshUsers(queryClient);
      notifications.show({ color: 'teal', message: t('users.import.done', { count: result.created }) });
      close();
    },
    onError: (error) => {
      setReport(null);
      if (error instanceof ApiError && error.code === 'validation_failed') {
        setProblems([importErrorText(t, error)]);
        return;
      }
      setProblems([errorText(t, error, locale)]);
    },
  });

  return (
    <Modal opened={opened} onClose={close} title={t('users.import.title')} size="xl" centered>
      <Stack gap="md">
        <Text size="sm">{t('users.import.intro', { max: limits.csvImportRows })}</Text>
        <Code block>{example}</Code>
        <Text size="xs" c="dimmed">
          {t('users.import.columnsHelp')}
        </Text>
        <Group gap="sm">
          <FileButton onChange={(file) => void readFile(file)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileUpload size={16} aria-hidden />}>
                {t('users.import.chooseFile')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed">
            {t('users.import.orPaste')}
          </Text>
        </Group>
        <Textarea
          label={t('users.import.content')}
          value={csv}
          onChange={(event) => change(event.currentTarget.value)}
          autosize
          minRows={5}
          maxRows={12}
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        />
        <FormAlert messages={problems} />
        {report ? <ImportReport report={report} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            variant={report?.valid ? 'default' : 'filled'}
            leftSection={<IconListCheck size={16} aria-hidden />}
            disabled={!csv.trim()}
            loading={check.isPending && check.variables === true}
            onClick={() => check.mutate(true)}
          >
            {t('users.import.dryRun')}
          </Button>
          <Button
            leftSection={<IconUpload size={16} aria-hidden />}
            disabled={!report?.valid}
            loading={check.isPending && check.variables === false}
            onClick={() => check.mutate(false)}
          >
            {report?.valid ? t('users.import.apply', { count: report.rows.length }) : t('users.import.applyDisabled')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
