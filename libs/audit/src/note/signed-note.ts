import { fromBase64Strict, toBase64 } from '../encoding/base64.ts';
import { NoteError } from './errors.ts';
import { type NoteSigner, type NoteVerifier, isValidKeyName } from './keys.ts';

/** c2sp.org/signed-note: each signature line starts with an em dash (U+2014) and a space. */
const signatureLinePrefix = '\u2014 ';
/** The spec asks verifiers to bound the signature count and to accept at least 16. */
const maxSignatures = 100;

/** Signed notes may hold no ASCII control character but newline. */
function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The algorithm's signature, without the key id. */
  readonly signature: Uint8Array;
}

export interface OpenedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  /** Names of the known keys whose signatures verified. */
  readonly verifiedBy: readonly string[];
  readonly signatures: readonly NoteSignature[];
}

const utf8 = new TextEncoder();

function requireNoteText(text: string, what: string): void {
  if (!text.isWellFormed()) throw new NoteError('malformed-note', `${what} is not well-formed Unicode`);
  if (hasForbiddenControl(text)) throw new NoteError('malformed-note', `${what} holds a control character other than newline`);
}

/** Signs `text` (non-empty, ending in a newline) with every signer, in the order given. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text, 'note text');
  if (!text.endsWith('\n')) throw new NoteError('malformed-note', 'note text must end with a newline');
  if (signers.length === 0) throw new NoteError('malformed-note', 'a note needs at least one signer');
  const message = utf8.encode(text);
  const lines = signers.map((signer) => {
    const signature = Uint8Array.of(...signer.keyId, ...signer.sign(message));
    return `${signatureLinePrefix}${signer.name} ${toBase64(signature)}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

function parseSignatureLine(line: string, lineNumber: number): NoteSignature {
  const malformed = (why: string) => new NoteError('malformed-note', `signature line ${lineNumber}: ${why}`);
  if (!line.startsWith(signatureLinePrefix)) throw malformed('must start with an em dash and a space');
  const fields = line.slice(signatureLinePrefix.length).split(' ');
  if (fields.length !== 2) throw malformed('must be "— <key name> <base64 signature>"');
  const [name, encoded] = fields as [string, string];
  if (!isValidKeyName(name)) throw malformed(`invalid key name ${JSON.stringify(name)}`);
  const bytes = fromBase64Strict(encoded);
  if (!bytes || bytes.length < 5) throw malformed('signature must be the base64 of a 4-byte key id and a signature');
  return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Parses a signed note and verifies it against the known keys, strictly: the exact line syntax,
 * at least one signature from a known key, and every signature from a known key valid (a failing
 * one rejects the whole note). Signatures from unknown keys are ignored, as the spec requires, so
 * that witnesses can cosign and keys can rotate.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  requireNoteText(note, 'note');
  if (!note.endsWith('\n')) throw new NoteError('malformed-note', 'note must end with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed-note', 'no blank line separates the text from the signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > maxSignatures) throw new NoteError('malformed-note', `more than ${maxSignatures} signatures`);
  const signatures = lines.map((line, i) => parseSignatureLine(line, i + 1));

  const message = utf8.encode(text);
  const verifiedBy: string[] = [];
  for (const signature of signatures) {
    const verifier = verifiers.find((known) => known.name === signature.name && sameBytes(known.keyId, signature.keyId));
    if (!verifier) continue;
    if (!verifier.verify(message, signature.signature)) {
      throw new NoteError('bad-signature', `the signature by ${signature.name} does not verify: the note was altered or forged`);
    }
    if (!verifiedBy.includes(signature.name)) verifiedBy.push(signature.name);
  }
  if (verifiedBy.length === 0) {
    const names = signatures.map((signature) => signature.name).join(', ');
    throw new NoteError('unknown-key', `no signature from a known key (signed by: ${names})`);
  }
  return { text, verifiedBy, signatures };
}
