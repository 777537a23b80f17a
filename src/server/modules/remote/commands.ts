import type { Queryable } from '../../platform/db/pool.js';
import { channels, type AgentCommand } from '../../platform/realtime/channels.js';
import { publish } from '../../platform/realtime/publish.js';

/**
 * Asks the device's agent, wherever its control socket is, to open (or resume) a session: sent when
 * the transaction commits; the process holding the socket signs the grant and sends `session.open`.
 */
export function commandAgent(tx: Queryable, command: AgentCommand): Promise<void> {
  return publish(tx, channels.agentCommands, command);
}
