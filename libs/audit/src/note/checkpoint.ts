import { fromBase64Strict, toBase64 } from '../encoding/base64.ts';
import { type Hash, hashSize } from '../merkle/hash.ts';
import { NoteError } from './errors.ts';
import type { NoteSigner, NoteVerifier } from './keys.ts';
import { openNote, signNote } from './signed-note.ts';

/** A tree head as c2sp.org/tlog-checkpoint writes it: the log's origin, its size and its root. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Hash;
  /** Optional opaque lines after the root; this ledger writes none. */
  readonly extensions?: readonly string[];
}

const malformed = (why: string) => new NoteError('malformed-checkpoint', why);

/** The note text: `<origin>\n<size>\n<base64 root>\n`, then any extension lines. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (checkpoint.origin.length === 0 || checkpoint.origin.includes('\n')) {
    throw malformed('origin must be one non-empty line');
  }
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw malformed('size must be a non-negative integer');
  if (checkpoint.root.length !== hashSize) throw malformed(`root must be ${hashSize} bytes`);
  const extensions = checkpoint.extensions ?? [];
  if (extensions.some((line) => line.length === 0 || line.includes('\n'))) {
    throw malformed('extension lines must be single non-empty lines');
  }
  return [checkpoint.origin, String(checkpoint.size), toBase64(checkpoint.root), ...extensions].map((line) => `${line}\n`).join('');
}

/** Parses checkpoint note text strictly: no leading zeros, canonical base64, no empty lines. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('checkpoint needs an origin, a size and a root hash line');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw malformed('origin line is empty');
  if (!/^(?:0|[1-9][0-9]*)$/.test(sizeText)) throw malformed(`size ${JSON.stringify(sizeText)} is not a decimal without leading zeros`);
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw malformed(`size ${sizeText} is too large`);
  const root = fromBase64Strict(rootText);
  if (!root || root.length !== hashSize) throw malformed(`root hash must be the base64 of ${hashSize} bytes`);
  if (extensions.some((line) => line.length === 0)) throw malformed('extension lines must not be empty');
  return extensions.length > 0 ? { origin, size, root, extensions } : { origin, size, root };
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Verifies a signed checkpoint with the log's verifier key and returns what it commits to. With
 * `origin`, a checkpoint of another log is refused even when the key signed it.
 */
export function openCheckpoint(note: string, verifier: NoteVerifier, expected: { origin?: string } = {}): Checkpoint {
  const opened = openNote(note, [verifier]);
  const checkpoint = parseCheckpoint(opened.text);
  if (expected.origin !== undefined && checkpoint.origin !== expected.origin) {
    throw new NoteError('origin-mismatch', `checkpoint is for ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(expected.origin)}`);
  }
  return checkpoint;
}
