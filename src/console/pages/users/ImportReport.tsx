import { Alert, Badge, List, ScrollArea, Stack, Table } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CsvImportReport, ImportRow } from '../../../shared/contracts/users.js';

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

/** The dry run's verdict: the rows with problems (or every row when none has one), each with its problems. */
export function ImportReport({ report }: { report: CsvImportReport }) {
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
                    <List size="sm" spacing={2} c="red.9">
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
