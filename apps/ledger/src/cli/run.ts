import { parseArgs } from 'node:util';
import { CheckpointChainError, LedgerSourceError } from '@ledger/audit';
import { DataFolderInUseError } from '@ledger/sql';
import { checkpointCommand, checkpointOptions } from './checkpoint-command.ts';
import { type CliIo, UsageError, exitCodes } from './io.ts';
import { replayCommand, replayOptions } from './replay-command.ts';
import { usage } from './usage.ts';
import { verifyCommand, verifyOptions } from './verify-command.ts';

const locationOptions = {
  'data-dir': { type: 'string' },
  'postgres-url': { type: 'string' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

function flagsOf<Options extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options: { ...locationOptions, ...options }, strict: true, allowPositionals: false, allowNegative: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `ledger <command> [options]`: resolves with the exit code. */
export async function runLedgerCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'replay':
        return await replayCommand(flagsOf(args, replayOptions), io);
      case 'verify':
        return await verifyCommand(flagsOf(args, verifyOptions), io);
      case 'checkpoint':
        return await checkpointCommand(flagsOf(args, checkpointOptions), io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? exitCodes.usage : exitCodes.ok;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ledger ${command ?? ''}: ${error.message}\n(ledger help lists the commands and options)`);
      return exitCodes.usage;
    }
    if (error instanceof DataFolderInUseError) {
      // SPEC 8: a running ledger holds its folder; the CLI says so instead of opening it a second time.
      io.err(`ledger ${command}: ${error.message}`);
      return exitCodes.usage;
    }
    if (error instanceof CheckpointChainError) {
      // SPEC 7: the keeper found the history rewritten since the latest checkpoint and signed nothing: a finding, not a crash.
      io.err(`ledger ${command}: ${error.message}; nothing was signed (docs/verification.md section 7)`);
      return exitCodes.failed;
    }
    if (error instanceof LedgerSourceError) {
      io.err(`ledger ${command}: ${error.message}`);
      return exitCodes.usage;
    }
    throw error;
  }
}
