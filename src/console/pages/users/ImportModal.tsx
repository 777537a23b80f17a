import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconFileUpload, IconListCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CsvImportReport, ImportRow } from '../../../shared/contracts/users.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { errorText } from '../../api/errors.js';
import { FormAlert } from '../../components/Feedback.js';
import { currentLanguage } from '../../i18n.js';
import { useFormat } from '../../lib/format.js';
import { importUsers, refreshUsers } from './api.js';

const example =
  'email,name,role,companies\nada@example.com,Ada Lovelace,technician,Head office;North site\ngrace@example.com,Grace Hopper,viewer,all';

/** A refusal of the file as a whole, or of rows that changed since the dry run, in the UI language. */
function importErrorText(t: TFunction, error: ApiError): string {
  const details = Array.isArray(error.details) ? (error.details as { path: string; message: string }[]) : [];
  if (details.some((d) => d.path.startsWith('rows.'))) return t('users.import.rechecked');
  const message = details.find((d) => d.path === 'csv')?.message ?? error.message;
  let m: RegExpExecArray | null;
  if (/^The file is empty/.test(message)) return t('users.import.file.empty');
  if ((m = /missing: (.+)\.$/.exec(message))) return t('users.import.file.missingColumns', { columns: m[1] });
  if (/no rows after/.test(message)) return t('users.import.file.noRows');
  if ((m = /has (\d+) rows; import at most (\d+)/.exec(message)))
    return t('users.import.file.tooManyRows', { rows: m[1], max: m[2] });
  if ((m = /opened on line (\d+) is never closed/.exec(message)))
    return t('users.import.file.unclosedQuote', { line: m[1] });
  if (/larger than 1 MB/.test(message)) return t('users.import.tooLarge');
  return currentLanguage() === 'en' ? message : t('errors.validation_failed');
}

function ProblemText({ problem }: { problem: ImportRow['problems'][number] }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`users.import.problems.${problem.code}`, {
        value: problem.value ?? '',
        line: problem.value ?? '',
        max: problem.value ?? '',
      })}
    </>
  );
}

function ReportTable({ report }: { report: CsvImportReport }) {
  const { t } = useTranslation();
  const bad = report.rows.filter((r) => r.problems.length > 0);
  const rows = bad.length > 0 ? bad : report.rows;
  return (
    <Stack gap="xs">
      {bad.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={t('users.import.problemsTitle', { count: bad.length })}
          role="alert"
        >
          {t('users.import.problemsHelp', { total: report.rows.length })}
        </Alert>
      ) : (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} aria-hidden />}
          title={t('users.import.readyTitle', { count: report.rows.length })}
        >
          {t('users.import.readyHelp')}
        </Alert>
      )}
      <ScrollArea.Autosize mah={320} type="auto">
        <Table striped verticalSpacing={6} fz="sm" aria-label={t('users.import.reportLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('users.import.columns.line')}</Table.Th>
              <Table.Th scope="col">{t('users.import.columns.email')}</Table.Th>
              <Table.Th scope="col">{t('users.import.columns.name')}</Table.Th>
              <Table.Th scope="col">{t('users.import.columns.role')}</Table.Th>
              <Table.Th scope="col">{t('users.import.columns.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.line} data-line={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{row.email || '—'}</Table.Td>
                <Table.Td>{row.name || '—'}</Table.Td>
                <Table.Td>{row.role || '—'}</Table.Td>
                <Table.Td>
                  {row.problems.length === 0 ? (
                    <Badge color="teal" variant="light">
                      {t('users.import.ok')}
                    </Badge>
                  ) : (
                    <List size="sm" spacing={2} c="red.8">
                      {row.problems.map((p, i) => (
                        <List.Item key={i}>
                          <ProblemText problem={p} />
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

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
        {report ? <ReportTable report={report} /> : null}
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
