import type { Database } from '../../platform/db/pool.js';
import { GroupWriter } from '../../platform/db/group-writer.js';
import { finishForAgents, takeForAgents, type AgentPart, type AgentReport, type FinishedPart } from './repository.js';

/**
 * Agents' takes and reports of their parts, written together as heartbeats are (`GroupWriter`): a
 * script run on a thousand devices brings them in a burst, and each costs a share of one
 * statement and one commit instead of its own. A take answers the run's text, or null when the
 * part could not be taken; a report answers the part it finished, or null when the part was not
 * open (the caller looks closely at why, on its own).
 */
export interface AgentPartWriters {
  takes: GroupWriter<AgentPart, string | null>;
  reports: GroupWriter<AgentReport, FinishedPart | null>;
}

export function agentPartWriters({ pool }: Database): AgentPartWriters {
  const take = async (parts: readonly AgentPart[]) => {
    const taken = await takeForAgents(pool, parts);
    return parts.map((p) => taken.get(p.resultId) ?? null);
  };
  // the reports and their events in one statement: a part is never finished unannounced
  const finish = async (reports: readonly AgentReport[]) => {
    const finished = await finishForAgents(pool, reports);
    return reports.map((r) => finished.get(r.resultId) ?? null);
  };
  return {
    takes: new GroupWriter({ many: take, one: async (part) => (await take([part]))[0]!, key: (p) => p.resultId }),
    reports: new GroupWriter({
      many: finish,
      one: async (report) => (await finish([report]))[0]!,
      key: (r) => r.resultId,
    }),
  };
}
