import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MerkleLogKeeper, type NoteSigner, parseSignerKey } from '@ledger/audit';
import { type CliIo, UsageError, exitCodes } from './io.ts';
import { type LocationFlags, ledgerLocation } from './ledger-location.ts';

export const checkpointOptions = {
  'signing-key-file': { type: 'string' },
  origin: { type: 'string' },
} as const;

export interface CheckpointFlags extends LocationFlags {
  'signing-key-file'?: string;
  origin?: string;
  json?: boolean;
}

/** The key the ledger itself signs with: --signing-key-file, LEDGER_SIGNING_KEY, or the one in its data folder. */
function signerOf(flags: CheckpointFlags, env: NodeJS.ProcessEnv, dataDir: string | undefined): NoteSigner {
  const file = flags['signing-key-file'] ?? (env.LEDGER_SIGNING_KEY ? undefined : dataDir && join(dataDir, 'ledger-signing.key'));
  let text: string;
  if (file !== undefined) {
    if (!existsSync(file)) throw new UsageError(`no signing key in ${file}: give --signing-key-file, set LEDGER_SIGNING_KEY, or start the ledger once to make one`);
    text = readFileSync(file, 'utf8');
  } else if (env.LEDGER_SIGNING_KEY) {
    text = env.LEDGER_SIGNING_KEY;
  } else {
    throw new UsageError('no signing key: give --signing-key-file or set LEDGER_SIGNING_KEY');
  }
  try {
    return parseSignerKey(text.trim());
  } catch (error) {
    throw new UsageError(`signing key${file ? ` in ${file}` : ''}: ${(error as Error).message}`);
  }
}

/** `ledger checkpoint`: brings the Merkle log level with the ledger and signs a checkpoint; prints the signed note. */
export async function checkpointCommand(flags: CheckpointFlags, io: CliIo): Promise<number> {
  const location = ledgerLocation(flags, io.env);
  if (location.kind === 'http') {
    const response = await location.ledger.request('POST', '/v1/ledger/checkpoint');
    const note = await response.text();
    io.out(flags.json ? JSON.stringify({ issued: response.status === 201, note }, null, 2) : note);
    return exitCodes.ok;
  }
  const signer = signerOf(flags, io.env, location.dataDir);
  const origin = flags.origin ?? io.env.LEDGER_LOG_ORIGIN ?? 'accountability-ledger';
  const database = await location.open();
  try {
    const keeper = new MerkleLogKeeper({
      log: database.log,
      store: database.store,
      signer,
      origin,
      now: () => new Date().toISOString(),
      logger: { info: () => {}, error: () => {} },
    });
    const { checkpoint, issued } = await keeper.checkpoint();
    if (flags.json) io.out(JSON.stringify({ issued, size: checkpoint.size, issuedAt: checkpoint.issuedAt, note: checkpoint.note }, null, 2));
    else {
      io.err(issued ? `signed a checkpoint of ${checkpoint.size} events` : `the log has not grown: the latest checkpoint (${checkpoint.size} events) stands`);
      io.out(checkpoint.note);
    }
    return exitCodes.ok;
  } finally {
    await database.close();
  }
}
