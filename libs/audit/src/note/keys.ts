import { type KeyObject, createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { fromBase64Strict, fromHex, toBase64, toHex } from '../encoding/base64.ts';
import { NoteError } from './errors.ts';

/** Signature type byte of Ed25519 in c2sp.org/signed-note. */
const ed25519Type = 0x01;
const privateKeyPrefix = 'PRIVATE+KEY+';

// DER wrappers that turn a raw 32-byte Ed25519 seed or public key into a key node:crypto accepts.
const pkcs8SeedPrefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiPublicKeyPrefix = Buffer.from('302a300506032b6570032100', 'hex');

/** Signs notes under a key name; `verifierKey` is the text to publish for verifiers. */
export interface NoteSigner {
  readonly name: string;
  /** The 4-byte key id, SHA-256(name || 0x0A || 0x01 || public key)[:4]. */
  readonly keyId: Uint8Array;
  readonly verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The verifier key text this verifier was parsed from. */
  readonly text: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * c2sp.org/signed-note: key names are non-empty and hold no Unicode space and no `+`. Control
 * characters are refused too, since the name is written into the note, which may not hold them.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && name.isWellFormed() && !/[\s+\p{Cc}]/u.test(name);
}

export function keyIdOf(name: string, publicKey: Uint8Array): Uint8Array {
  const digest = createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Uint8Array.of(0x0a, ed25519Type))
    .update(publicKey)
    .digest();
  return new Uint8Array(digest.subarray(0, 4));
}

function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([pkcs8SeedPrefix, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([spkiPublicKeyPrefix, raw]), format: 'der', type: 'spki' });
}

function verifierKeyText(name: string, publicKey: Uint8Array): string {
  return `${name}+${toHex(keyIdOf(name, publicKey))}+${toBase64(Uint8Array.of(ed25519Type, ...publicKey))}`;
}

function requireName(name: string, what: string): void {
  if (!isValidKeyName(name)) {
    throw new NoteError('malformed-key', `${what}: key name ${JSON.stringify(name)} must be non-empty, without spaces or "+"`);
  }
}

/** Splits `<name>+<hex id>+<base64(0x01 || 32 bytes)>` and checks every part but the id. */
function parseKeyParts(text: string, what: string): { name: string; keyId: Uint8Array; key: Uint8Array } {
  // The name may not hold '+', base64 may: the first two '+' are the separators.
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError('malformed-key', `${what}: expected <name>+<hex key id>+<base64 key>`);
  const [name, idHex, keyBase64] = [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
  requireName(name, what);
  const keyId = /^[0-9a-f]{8}$/.test(idHex) ? fromHex(idHex) : undefined;
  if (!keyId) throw new NoteError('malformed-key', `${what}: key id must be 8 lowercase hex digits, got ${JSON.stringify(idHex)}`);
  const typed = fromBase64Strict(keyBase64);
  if (!typed || typed.length !== 33) {
    throw new NoteError('malformed-key', `${what}: key must be the base64 of 33 bytes (type byte and 32-byte key)`);
  }
  if (typed[0] !== ed25519Type) {
    throw new NoteError('malformed-key', `${what}: key type ${typed[0]} is not Ed25519 (0x01)`);
  }
  return { name, keyId, key: typed.subarray(1) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function signerFrom(name: string, seed: Uint8Array): NoteSigner {
  const privateKey = privateKeyFromSeed(seed);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return {
    name,
    keyId: keyIdOf(name, publicKey),
    verifierKey: verifierKeyText(name, publicKey),
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/**
 * A new Ed25519 key under `name`. The signer key text (secret) follows Go's
 * golang.org/x/mod/sumdb/note: `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || 32-byte seed)>`.
 */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  requireName(name, 'signer key');
  const seed = new Uint8Array(randomBytes(32));
  const signer = signerFrom(name, seed);
  return {
    signerKey: `${privateKeyPrefix}${name}+${toHex(signer.keyId)}+${toBase64(Uint8Array.of(ed25519Type, ...seed))}`,
    verifierKey: signer.verifierKey,
  };
}

export function parseSignerKey(text: string): NoteSigner {
  if (!text.startsWith(privateKeyPrefix)) {
    throw new NoteError('malformed-key', `signer key: must start with ${privateKeyPrefix}`);
  }
  const { name, keyId, key } = parseKeyParts(text.slice(privateKeyPrefix.length), 'signer key');
  const signer = signerFrom(name, key);
  if (!sameBytes(signer.keyId, keyId)) {
    throw new NoteError('malformed-key', 'signer key: the key id does not match the name and key');
  }
  return signer;
}

/** Parses `<name>+<hex key id>+<base64(0x01 || 32-byte Ed25519 public key)>`. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyId, key } = parseKeyParts(text, 'verifier key');
  if (!sameBytes(keyIdOf(name, key), keyId)) {
    throw new NoteError('malformed-key', 'verifier key: the key id does not match the name and key');
  }
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyFromRaw(key);
  } catch {
    throw new NoteError('malformed-key', 'verifier key: not an Ed25519 public key');
  }
  return {
    name,
    keyId,
    text,
    verify: (message, signature) => signature.length === 64 && verify(null, message, publicKey, signature),
  };
}
