/**
 * The remote module: unattended access to enrolled devices (PRODUCT.md §10). It owns the server's
 * grant key (`agent_grant_keys`) and which agents hold their control socket (`agent_connections`).
 *
 * Its public surface: other code imports this module only from here (or its tables.ts).
 */
export {};
