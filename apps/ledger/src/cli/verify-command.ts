import { existsSync, readFileSync } from 'node:fs';
import {
  type LedgerSource,
  type LedgerVerification,
  type TextFeed,
  openCheckpoint,
  parseVerifierKey,
  progressBar,
  storedLedger,
  verifyConsistency,
  verifyLedger,
} from '@ledger/audit';
import { feedFromFile } from './feed-file.ts';
import { type CliIo, UsageError, exitCodes } from './io.ts';
import { type LedgerDatabase, type LocationFlags, ledgerLocation } from './ledger-location.ts';

export const verifyOptions = {
  'verifier-key': { type: 'string' },
  checkpoint: { type: 'string' },
  'previous-checkpoint': { type: 'string' },
  feed: { type: 'string' },
  'json-feed': { type: 'boolean' },
  origin: { type: 'string' },
  chain: { type: 'boolean' },
} as const;

export interface VerifyFlags extends LocationFlags {
  'verifier-key'?: string;
  checkpoint?: string;
  'previous-checkpoint'?: string;
  feed?: string;
  /** Over HTTP, read the JSON feed (CloudEvents, each re-encoded as its leaf) instead of the text feed (leaf lines). */
  'json-feed'?: boolean;
  origin?: string;
  /** Check every checkpoint the ledger's database keeps against the one verified (default on; --no-chain skips). */
  chain?: boolean;
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
async function openSource(flags: VerifyFlags, io: CliIo): Promise<{ source: LedgerSource; close(): Promise<void>; offline?: boolean }> {
  const hasLocation = flags.url !== undefined || flags['postgres-url'] !== undefined || flags['data-dir'] !== undefined;
  if (!hasLocation && flags.feed !== undefined && flags.checkpoint !== undefined) {
    // Files alone: enough when the feed matches; to name a bad event the ledger's proofs are needed.
    const noLedger = async (): Promise<never> => {
      throw new Error('no ledger to ask (give --url, --postgres-url or --data-dir to name the first bad event)');
    };
    return { source: { name: flags.feed, feed: () => feedFromFile(flags.feed!), checkpoint: noLedger, consistencyProof: noLedger }, close: async () => {}, offline: true };
  }
  const location = ledgerLocation(flags, io.env);
  if (location.kind === 'http') return { source: location.ledger, close: async () => {} };
  const database: LedgerDatabase = await location.open();
  return { source: storedLedger(database.name, database.store, database.log), close: () => database.close() };
}

type Named = { id?: unknown; position?: unknown };

const progressOf = (io: CliIo, flags: VerifyFlags) =>
  flags.progress === false || !io.progress ? undefined : progressBar({ label: 'verify', unit: 'leaves', stream: io.progress });

/** Counts the JSON feed as it streams by, keeps what names each event, and shows progress. */
function watched(feed: AsyncIterable<unknown>, total: number, io: CliIo, flags: VerifyFlags) {
  const seen: Named[] = [];
  const bar = progressOf(io, flags);
  return {
    bar,
    named: async (index: number): Promise<Named | undefined> => seen[index],
    async *events() {
      for await (const event of feed) {
        const named = (event ?? {}) as Named;
        seen.push({ id: named.id, position: named.position });
        if (seen.length % 1000 === 0) bar?.update(seen.length, Math.max(total, seen.length));
        yield event;
      }
      bar?.update(seen.length, Math.max(total, seen.length));
    },
  };
}

/** The text feed with progress; a bad event is named by asking for its page again (nothing is kept per event). */
function watchedText(text: TextFeed, total: number, io: CliIo, flags: VerifyFlags) {
  const bar = progressOf(io, flags);
  return {
    bar,
    async named(index: number): Promise<Named | undefined> {
      const event = (await text.eventAt(index).catch(() => undefined)) as Named | undefined;
      return event && { id: event.id, position: event.position };
    },
    async *chunks() {
      for await (const chunk of text.chunks()) {
        yield chunk;
        bar?.update(text.lines, Math.max(total, text.lines));
      }
    },
  };
}

function resultText(result: LedgerVerification, source: string, firstBad: Named | undefined): string {
  if (result.ok) {
    const beyond = result.eventsBeyondCheckpoint > 0 ? `; ${result.eventsBeyondCheckpoint} later events are not covered by this checkpoint yet` : '';
    return `verified: the first ${result.size} events of ${source} are exactly those the checkpoint signs (root ${result.root})${beyond}\n`;
  }
  const lines = [`verification FAILED (${result.reason}): ${result.detail}`];
  if (result.firstBadIndex !== undefined) {
    const named = firstBad ? ` (feed event id ${String(firstBad.id)}, position ${String(firstBad.position)})` : ' (beyond the end of the feed)';
    lines.push(`first bad index: ${result.firstBadIndex}${named}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * SPEC 7: the checkpoints a ledger signed form one chain. Every stored checkpoint the verifier key opens must be a
 * prefix of the one just verified (a consistency proof from the ledger shows it); one that is not proves the
 * history was rewritten after it was signed, even when the latest checkpoint matches the feed.
 */
async function checkStoredChain(source: LedgerSource, checkpoint: string, verifierKey: string, origin: string | undefined): Promise<LedgerVerification | undefined> {
  if (!source.storedCheckpoints) return undefined;
  const verifier = parseVerifierKey(verifierKey);
  const verified = openCheckpoint(checkpoint, verifier, origin === undefined ? {} : { origin });
  for (const note of await source.storedCheckpoints()) {
    let stored: ReturnType<typeof openCheckpoint>;
    try {
      stored = openCheckpoint(note, verifier, origin === undefined ? {} : { origin });
    } catch {
      continue; // signed with another key (before a rotation) or for another origin: not this chain
    }
    const named = `the stored checkpoint of ${stored.size} events`;
    if (stored.size > verified.size) {
      return { ok: false, reason: 'checkpoint-rollback', detail: `${named} is larger than the verified checkpoint of ${verified.size}: the log shrank` };
    }
    let proof: readonly Uint8Array[];
    try {
      proof = stored.size === verified.size || stored.size === 0 ? [] : await source.consistencyProof(stored.size, verified.size);
    } catch (error) {
      return { ok: false, reason: 'proof-unavailable', detail: `consistency proof ${stored.size} to ${verified.size}: ${(error as Error).message}` };
    }
    const verdict = verifyConsistency(stored.size, verified.size, stored.root, verified.root, proof);
    if (!verdict.ok) {
      return { ok: false, reason: 'inconsistent-checkpoints', detail: `${named} is not a prefix of the verified checkpoint of ${verified.size}: the history was rewritten after it was signed (${verdict.reason})` };
    }
  }
  return undefined;
}

/** `ledger verify`: exit 0 when the feed is exactly what the checkpoint signed, 1 otherwise. */
export async function verifyCommand(flags: VerifyFlags, io: CliIo): Promise<number> {
  const verifierKey = verifierKeyOf(flags['verifier-key']);
  const previousCheckpoint = flags['previous-checkpoint'] === undefined ? undefined : readText('previous-checkpoint', flags['previous-checkpoint']);
  const { source, close, offline } = await openSource(flags, io);
  try {
    const checkpoint = flags.checkpoint === undefined ? await source.checkpoint() : readText('checkpoint', flags.checkpoint);
    const size = Number(checkpoint.split('\n')[1]) || 0;
    // Over HTTP the text feed, hashed as it comes; the JSON feed from a database, a file, or when asked for.
    const text = flags.feed === undefined && flags['json-feed'] !== true ? source.textFeed?.() : undefined;
    const feed = text ? watchedText(text, size, io, flags) : watched(flags.feed === undefined ? source.feed() : feedFromFile(flags.feed), size, io, flags);
    let result = await verifyLedger({
      ...('chunks' in feed ? { leafLines: feed.chunks() } : { feed: feed.events() }),
      checkpoint,
      verifierKey,
      ...(previousCheckpoint === undefined ? {} : { previousCheckpoint }),
      ...(flags.origin === undefined ? {} : { origin: flags.origin }),
      consistencyProof: (from, to) => source.consistencyProof(from, to),
    });
    feed.bar?.stop();
    if (offline && !result.ok && result.reason === 'proof-unavailable') {
      // Files alone: the roots differ, and with no ledger to ask for proofs the first bad event cannot be named.
      result = { ok: false, reason: 'feed-mismatch', detail: `the feed ${flags.feed} does not match the checkpoint (give --url, --postgres-url or --data-dir to name the first bad event)` };
    } else if (flags.feed !== undefined && !result.ok && (result.reason === 'feed-mismatch' || result.reason === 'feed-too-short')) {
      result = { ...result, detail: `the feed ${flags.feed} does not match the checkpoint: ${result.detail}` };
    }
    if (result.ok && flags.chain !== false) result = (await checkStoredChain(source, checkpoint, verifierKey, flags.origin)) ?? result;
    const firstBad = !result.ok && result.firstBadIndex !== undefined ? await feed.named(result.firstBadIndex) : undefined;
    io.out(
      flags.json
        ? JSON.stringify({ ...result, ...(firstBad ? { firstBadEvent: firstBad } : {}), source: flags.feed ?? source.name }, null, 2)
        : resultText(result, flags.feed ?? source.name, firstBad),
    );
    return result.ok ? exitCodes.ok : exitCodes.failed;
  } finally {
    await close();
  }
}
