import { existsSync, readFileSync } from 'node:fs';
import { type LedgerSource, type LedgerVerification, progressBar, storedLedger, verifyLedger } from '@ledger/audit';
import { feedFromFile } from './feed-file.ts';
import { type CliIo, UsageError, exitCodes } from './io.ts';
import { type LedgerDatabase, type LocationFlags, ledgerLocation } from './ledger-location.ts';

export const verifyOptions = {
  'verifier-key': { type: 'string' },
  checkpoint: { type: 'string' },
  'previous-checkpoint': { type: 'string' },
  feed: { type: 'string' },
  origin: { type: 'string' },
} as const;

export interface VerifyFlags extends LocationFlags {
  'verifier-key'?: string;
  checkpoint?: string;
  'previous-checkpoint'?: string;
  feed?: string;
  origin?: string;
  json?: boolean;
  progress?: boolean;
}

const verifierKeyShape = /^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/;

function readText(flag: string, file: string): string {
  if (!existsSync(file)) throw new UsageError(`--${flag}: no file ${file}`);
  return readFileSync(file, 'utf8');
}

/** The key as given on the command line, or the content of the file it names. */
function verifierKeyOf(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--verifier-key is required: the verifier key you pinned (text or a file holding it)');
  return verifierKeyShape.test(value.trim()) ? value.trim() : readText('verifier-key', value).trim();
}

/** Where the feed, the checkpoint and the proofs come from: the ledger (over HTTP or its database) and any files given. */
async function openSource(flags: VerifyFlags, io: CliIo): Promise<{ source: LedgerSource; close(): Promise<void> }> {
  const hasLocation = flags.url !== undefined || flags['postgres-url'] !== undefined || flags['data-dir'] !== undefined;
  if (!hasLocation && flags.feed !== undefined && flags.checkpoint !== undefined) {
    // Files alone: enough when the feed matches; to name a bad event the ledger's proofs are needed.
    const noLedger = async (): Promise<never> => {
      throw new Error('no ledger to ask (give --url, --postgres-url or --data-dir to name the first bad event)');
    };
    return { source: { name: flags.feed, feed: () => feedFromFile(flags.feed!), checkpoint: noLedger, consistencyProof: noLedger }, close: async () => {} };
  }
  const location = ledgerLocation(flags, io.env);
  if (location.kind === 'http') return { source: location.ledger, close: async () => {} };
  const database: LedgerDatabase = await location.open();
  return { source: storedLedger(database.name, database.store, database.log), close: () => database.close() };
}

/** Counts the feed as it streams by, keeps what names each event, and shows progress. */
function watched(feed: AsyncIterable<unknown>, total: number, io: CliIo, flags: VerifyFlags) {
  const seen: Array<{ id?: unknown; position?: unknown }> = [];
  const bar = flags.progress === false || !io.progress ? undefined : progressBar({ label: 'verify', unit: 'leaves', stream: io.progress });
  return {
    seen,
    bar,
    async *events() {
      for await (const event of feed) {
        const named = (event ?? {}) as { id?: unknown; position?: unknown };
        seen.push({ id: named.id, position: named.position });
        if (seen.length % 1000 === 0) bar?.update(seen.length, Math.max(total, seen.length));
        yield event;
      }
      bar?.update(seen.length, Math.max(total, seen.length));
    },
  };
}

function resultText(result: LedgerVerification, source: string, seen: ReadonlyArray<{ id?: unknown; position?: unknown }>): string {
  if (result.ok) {
    const beyond = result.eventsBeyondCheckpoint > 0 ? `; ${result.eventsBeyondCheckpoint} later events are not covered by this checkpoint yet` : '';
    return `verified: the first ${result.size} events of ${source} are exactly those the checkpoint signs (root ${result.root})${beyond}\n`;
  }
  const lines = [`verification FAILED (${result.reason}): ${result.detail}`];
  if (result.firstBadIndex !== undefined) {
    const event = seen[result.firstBadIndex];
    const named = event ? ` (feed event id ${String(event.id)}, position ${String(event.position)})` : ' (beyond the end of the feed)';
    lines.push(`first bad index: ${result.firstBadIndex}${named}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `ledger verify`: exit 0 when the feed is exactly what the checkpoint signed, 1 otherwise. */
export async function verifyCommand(flags: VerifyFlags, io: CliIo): Promise<number> {
  const verifierKey = verifierKeyOf(flags['verifier-key']);
  const previousCheckpoint = flags['previous-checkpoint'] === undefined ? undefined : readText('previous-checkpoint', flags['previous-checkpoint']);
  const { source, close } = await openSource(flags, io);
  try {
    const checkpoint = flags.checkpoint === undefined ? await source.checkpoint() : readText('checkpoint', flags.checkpoint);
    const size = Number(checkpoint.split('\n')[1]) || 0;
    const feed = watched(flags.feed === undefined ? source.feed() : feedFromFile(flags.feed), size, io, flags);
    const result = await verifyLedger({
      feed: feed.events(),
      checkpoint,
      verifierKey,
      ...(previousCheckpoint === undefined ? {} : { previousCheckpoint }),
      ...(flags.origin === undefined ? {} : { origin: flags.origin }),
      consistencyProof: (from, to) => source.consistencyProof(from, to),
    });
    feed.bar?.stop();
    const firstBad = !result.ok && result.firstBadIndex !== undefined ? feed.seen[result.firstBadIndex] : undefined;
    io.out(
      flags.json
        ? JSON.stringify({ ...result, ...(firstBad ? { firstBadEvent: firstBad } : {}), source: flags.feed ?? source.name }, null, 2)
        : resultText(result, flags.feed ?? source.name, feed.seen),
    );
    return result.ok ? exitCodes.ok : exitCodes.failed;
  } finally {
    await close();
  }
}
