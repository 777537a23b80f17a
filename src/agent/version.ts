/** The agent's own version, reported with every inventory. */
export const agentVersion = '1.0.0';
