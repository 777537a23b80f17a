import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presence } from '../../../shared/contracts/support-requests.js';
import { FormAlert } from '../../components/Feedback.js';
import { useTransferCandidates } from './api.js';

export interface TechnicianChoiceProps {
  /** whose technicians may be chosen: those with a Remote Support seat, less `exclude` */
  companyId: string;
  exclude: readonly string[];
  title: string;
  label: string;
  noneText: string;
  submitText: string;
  problem: string | null;
  pending: boolean;
  onSubmit: (technician: Presence) => void;
  onClose: () => void;
}

/** The modal's body: the picker (each technician said available or not) and the buttons. */
function TechnicianChoice(props: TechnicianChoiceProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Presence | null>(null);
  const candidates = useTransferCandidates(props.companyId, true);
  const others = (candidates.data?.items ?? []).filter((p) => !props.exclude.includes(p.userId) && p.hasSeat);
  return (
    <Stack>
      <FormAlert messages={props.problem ? [props.problem] : []} />
      {candidates.isSuccess && others.length === 0 ? (
        <Text size="sm">{props.noneText}</Text>
      ) : (
        <Select
          label={props.label}
          data={others.map((p) => ({
            value: p.userId,
            label: `${p.name} (${p.available ? t('requests.transfer.available') : t('requests.transfer.unavailable')})`,
          }))}
          value={chosen?.userId ?? null}
          onChange={(id) => setChosen(others.find((p) => p.userId === id) ?? null)}
          searchable
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => chosen && props.onSubmit(chosen)} disabled={!chosen} loading={props.pending}>
          {props.submitText}
        </Button>
      </Group>
    </Stack>
  );
}

/** Chooses another technician of a company: a chat's transfer, a session's invitation or transfer. */
export function TechnicianChoiceModal({ opened, ...props }: TechnicianChoiceProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title={props.title}>
      <TechnicianChoice {...props} />
    </Modal>
  );
}
