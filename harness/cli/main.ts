/**
 * part15 command-line entry. User mistakes end with a clear message and exit 64, never a stack
 * trace; a fault inside part15 says so and exits 2 (stack only with PART15_DEBUG=1).
 */
import { InputError, UsageError } from '../core/errors.ts';
import { EXIT_USAGE } from '../core/verdict.ts';
import { PART15_VERSION } from '../version.ts';
import { demoCommand, listCommand, printInputError, runCommand, validateCommand } from './commands.ts';
import { parseCommandLine } from './parse-args.ts';
import { USAGE } from './usage.ts';

async function main(argv: string[]): Promise<number> {
  const cmd = parseCommandLine(argv);
  switch (cmd.name) {
    case 'help':
      process.stdout.write(USAGE + '\n');
      return 0;
    case 'version':
      process.stdout.write(`part15 ${PART15_VERSION}\n`);
      return 0;
    case 'list':
      return listCommand(cmd.json);
    case 'validate':
      return validateCommand(cmd.files);
    case 'run':
      return runCommand(cmd);
    case 'demo':
      return demoCommand(cmd.reportDir);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof InputError) {
      printInputError(e);
      process.exitCode = EXIT_USAGE;
    } else if (e instanceof UsageError) {
      process.stderr.write(`part15: ${e.message}\n\n${USAGE}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      const err = e as Error;
      process.stderr.write(`part15: internal error: ${err?.message ?? String(e)}\n`);
      if (process.env.PART15_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
      else process.stderr.write('(run again with PART15_DEBUG=1 for the stack trace, and please report it)\n');
      process.exitCode = 2;
    }
  },
);
