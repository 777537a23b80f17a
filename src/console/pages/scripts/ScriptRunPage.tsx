import { Anchor, Badge, Code, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  scriptResultStatuses,
  type ScriptResult,
  type ScriptResultStatus,
} from '../../../shared/contracts/device-scripts.js';
import { limits } from '../../../shared/limits.js';
import { ApiError } from '../../api/client.js';
import { LoadError, PageLoader } from '../../components/Feedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useLiveEvent } from '../../live/useLive.js';
import { useFormat } from '../../lib/format.js';
import { NotFoundPage } from '../StatusPages.js';
import { useScriptResults, useScriptRun } from './api.js';

const colours: Record<ScriptResultStatus, string> = {
  queued: 'gray',
  sent: 'blue',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  timed_out: 'orange',
  unreachable: 'gray',
  refused: 'gray',
};

/** Follows a run live: its results are refetched (at most twice a second) when one of its devices finishes. */
function useLiveRun(runId: string) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useLiveEvent(['script.result'], (event) => {
    if (event.type !== 'resync' && event.subjectId !== runId) return;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: ['script-runs', runId] });
    }, 500);
  });
}

function ResultRow({ result }: { result: ScriptResult }) {
  const { t } = useTranslation();
  return (
    <Table.Tr data-device={result.deviceName} data-status={result.status}>
      <Table.Td>
        <Anchor component={Link} to={`/devices/${result.deviceId}`} size="sm">
          {result.deviceName}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={colours[result.status]}>
          {t(`scripts.status.${result.status}`)}
        </Badge>
        {result.reason ? (
          <Text size="xs" c="dimmed">
            {t(`scripts.reasons.${result.reason}`)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td data-testid="exit-code">{result.exitCode ?? '—'}</Table.Td>
      <Table.Td>
        {result.output ? (
          <Code block data-testid="output" style={{ maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
            {result.output}
          </Code>
        ) : (
          <Text size="sm" c="dimmed">
            {t('scripts.runPage.noOutput')}
          </Text>
        )}
        {result.truncated ? (
          <Text size="xs" c="dimmed">
            {t('scripts.runPage.truncated', { kib: limits.scriptOutputBytes / 1024 })}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** One run of a script: how many devices are in each status, and each device's exit code and output, live. */
export default function ScriptRunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = '' } = useParams();
  const [status, setStatus] = useState<ScriptResultStatus | ''>('');
  const run = useScriptRun(id);
  const results = useScriptResults(id, status);
  useLiveRun(id);
  if (run.isPending) return <PageLoader />;
  if (run.isError)
    return run.error instanceof ApiError && run.error.status === 404 ? (
      <NotFoundPage />
    ) : (
      <LoadError error={run.error} onRetry={() => void run.refetch()} />
    );
  const r = run.data;
  return (
    <>
      <Anchor
        component={Link}
        to="/scripts"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} aria-hidden /> {t('scripts.title')}
      </Anchor>
      <PageHeader
        title={t('scripts.runPage.title', { name: r.scriptName })}
        description={t('scripts.runPage.ranBy', {
          name: r.createdBy.name,
          date: format.dateTime(r.createdAt),
          count: r.devices,
          shown: format.number(r.devices),
        })}
      />
      <Stack gap="md">
        <Group gap="xs" data-testid="run-counts">
          {scriptResultStatuses
            .filter((s) => r.counts[s] > 0)
            .map((s) => (
              <Badge key={s} variant="light" color={colours[s]}>
                {t(`scripts.status.${s}`)} · {format.number(r.counts[s])}
              </Badge>
            ))}
          {r.finished ? null : (
            <Text size="sm" c="dimmed">
              {t('scripts.runPage.waiting')}
            </Text>
          )}
        </Group>
        <Select
          label={t('scripts.runPage.statusFilter')}
          w={240}
          data={[
            { value: '', label: t('scripts.runPage.allStatuses') },
            ...scriptResultStatuses.map((s) => ({ value: s, label: t(`scripts.status.${s}`) })),
          ]}
          value={status}
          onChange={(value) => setStatus((value ?? '') as ScriptResultStatus | '')}
          allowDeselect={false}
        />
        {results.isPending ? (
          <PageLoader />
        ) : results.isError ? (
          <LoadError error={results.error} onRetry={() => void results.refetch()} />
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="sm" data-testid="results-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scripts.runPage.device')}</Table.Th>
                    <Table.Th>{t('scripts.runPage.status')}</Table.Th>
                    <Table.Th>{t('scripts.runPage.exitCode')}</Table.Th>
                    <Table.Th>{t('scripts.runPage.output')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {results.data.items.map((result) => (
                    <ResultRow key={result.id} result={result} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {results.data.nextCursor ? (
              <Text size="sm" c="dimmed" p="sm">
                {t('scripts.runPage.more')}
              </Text>
            ) : null}
          </Paper>
        )}
      </Stack>
    </>
  );
}
