/**
 * The command-line tool: `npm run tandem -- <command>` (see usage.ts).
 * Results go to standard output, everything else (database start, notes, errors) to standard error.
 */
import { runCli } from './cli.js';

// A closed pipe (`… | head`) fails the pending writes instead of crashing the process,
// so the command still closes the database and stops the server it started.
process.stdout.on('error', () => {});

const code = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
// exit once both streams are flushed, even if a stray handle would keep the process alive
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
