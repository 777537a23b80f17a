import { accountCreateCommand } from './commands/account-create.js';
import { accountExportCommand } from './commands/account-export.js';
import { migrateCommand } from './commands/migrate.js';
import { userResetPasswordCommand } from './commands/user-reset-password.js';
import { errorLines, exitCodeOf, exitCodes } from './errors.js';
import { writeLine, type CliIo } from './io.js';
import { usage } from './usage.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: { words: string[]; run: Command }[] = [
  { words: ['account', 'create'], run: accountCreateCommand },
  { words: ['account', 'export'], run: accountExportCommand },
  { words: ['user', 'reset-password'], run: userResetPasswordCommand },
  { words: ['migrate'], run: migrateCommand },
];

const helpWords = new Set(['help', '--help', '-h']);

/** Runs one command line (without `node tandem.ts`) and returns the exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first] = argv;
  if (first !== undefined && helpWords.has(first)) {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  const command = commands.find((c) => c.words.every((w, i) => argv[i] === w));
  if (!command) {
    const what =
      argv.length === 0
        ? 'no command given'
        : `unknown command "${
            argv
              .filter((a) => !a.startsWith('-'))
              .slice(0, 2)
              .join(' ') || argv[0]
          }"`;
    writeLine(io.stderr, `error: ${what}`);
    io.stderr.write(`\n${usage}`);
    return exitCodes.usage;
  }
  const args = argv.slice(command.words.length);
  if (args.some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    for (const line of errorLines(err, io.env.DEBUG === '1')) writeLine(io.stderr, line);
    return exitCodeOf(err);
  }
}
