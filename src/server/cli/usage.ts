/** The text of `tandem help`. */
export const usage = `Usage: npm run tandem -- <command> [options]

Commands:
  account create --name NAME --admin-email EMAIL --admin-password PASSWORD [--admin-name NAME]
      Create an account with its first company and administrator; prints their ids.
  user reset-password --email EMAIL [--password PASSWORD] [--account ID]
      Set a user's password and end all of the user's sessions. Without --password,
      a strong password is generated and printed once. When users of several accounts
      have the e-mail, --account names the account (the error lists them).
  account export --account ID [--output FILE]
      Write the account as JSON (companies, users, company access, API token metadata,
      audit events; never password or token hashes) to FILE or to standard output.
  migrate
      Apply the pending database migrations.
  help
      Show this text.

The database is the one DATABASE_URL names; otherwise the embedded PostgreSQL in
TANDEM_DATA_DIR (default ./data): a running Tandem's server is used, or one is started
for the command and stopped afterwards. Every command first applies pending migrations.
Use "npm run -s tandem -- …" to keep npm's own lines out of standard output.

Exit codes: 0 done, 1 failed, 2 invalid command or arguments.
`;
