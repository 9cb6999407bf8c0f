import { describe, expect, it } from 'vitest';
import { toHex } from '../encoding/base64.ts';
import { NoteError } from './errors.ts';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from './keys.ts';
import { openNote, signNote } from './signed-note.ts';

// The example key pair and note of Go's golang.org/x/mod/sumdb/note, the reference implementation
// of c2sp.org/signed-note. Ed25519 is deterministic, so signing must reproduce it byte for byte.
const goSignerKey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const goVerifierKey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const goNote = `${goText}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

function expectNoteError(action: () => unknown, code: NoteError['code']): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(NoteError);
    expect((error as NoteError).code).toBe(code);
    return;
  }
  expect.unreachable(`expected a ${code} error`);
}

describe('keys', () => {
  it('reads the reference keys and derives the same key id and verifier key', () => {
    const signer = parseSignerKey(goSignerKey);
    expect(signer.name).toBe('PeterNeumann');
    expect(toHex(signer.keyId)).toBe('c74f20a3');
    expect(signer.verifierKey).toBe(goVerifierKey);
    expect(toHex(parseVerifierKey(goVerifierKey).keyId)).toBe('c74f20a3');
  });

  it('generates key pairs whose texts parse back and agree', () => {
    const { signerKey, verifierKey } = generateNoteKey('ledger.example/log');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+ledger\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(verifierKey).toMatch(/^ledger\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(parseSignerKey(signerKey).verifierKey).toBe(verifierKey);
    expect(parseVerifierKey(verifierKey).name).toBe('ledger.example/log');
  });

  it('refuses names with spaces or plus signs', () => {
    expectNoteError(() => generateNoteKey('two words'), 'malformed-key');
    expectNoteError(() => generateNoteKey('a+b'), 'malformed-key');
    expectNoteError(() => generateNoteKey(''), 'malformed-key');
  });

  it('refuses mangled key texts, naming the problem', () => {
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'malformed-key');
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/key id does not match/);
    expectNoteError(() => parseVerifierKey('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'malformed-key');
    expectNoteError(() => parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T'), 'malformed-key');
    // Unknown signature type byte, key id recomputed to match: still refused.
    expectNoteError(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), 'malformed-key');
    expectNoteError(() => parseSignerKey(goVerifierKey), 'malformed-key');
    expectNoteError(() => parseSignerKey(goSignerKey.replace('c74f20a3', '00000000')), 'malformed-key');
    expectNoteError(() => parseSignerKey(goSignerKey.slice(0, -1)), 'malformed-key');
  });
});

describe('signed notes', () => {
  const verifier = parseVerifierKey(goVerifierKey);

  it('signs exactly as the reference implementation does', () => {
    expect(signNote(goText, [parseSignerKey(goSignerKey)])).toBe(goNote);
  });

  it('opens the reference note and returns its text', () => {
    const opened = openNote(goNote, [verifier]);
    expect(opened.text).toBe(goText);
    expect(opened.verifiedBy).toEqual(['PeterNeumann']);
  });

  it('rejects a note whose text was changed by one character', () => {
    expectNoteError(() => openNote(goNote.replace('answer', 'Answer'), [verifier]), 'bad-signature');
  });

  it('rejects a note signed by another key of the same name', () => {
    const impostor = parseSignerKey(generateNoteKey('PeterNeumann').signerKey);
    expectNoteError(() => openNote(signNote(goText, [impostor]), [verifier]), 'unknown-key');
  });

  it('rejects a signature whose bytes were altered under the right key id', () => {
    const line = goNote.slice(goNote.lastIndexOf('\u2014'));
    const altered = goNote.replace(line, line.replace('x08go/', 'x08go+'));
    expectNoteError(() => openNote(altered, [verifier]), 'bad-signature');
  });

  it('ignores signatures from unknown keys beside a valid one', () => {
    const witness = parseSignerKey(generateNoteKey('witness.example').signerKey);
    const note = signNote(goText, [witness, parseSignerKey(goSignerKey)]);
    expect(openNote(note, [verifier]).verifiedBy).toEqual(['PeterNeumann']);
    expect(openNote(note, [verifier]).signatures).toHaveLength(2);
  });

  it.each([
    ['no final newline', goNote.slice(0, -1)],
    ['no blank line before the signatures', goNote.replace('\n\n', '\n')],
    ['no signature lines', `${goText}\n`],
    ['a hyphen instead of an em dash', goNote.replace('\u2014', '-')],
    ['two spaces after the name', goNote.replace('PeterNeumann x08', 'PeterNeumann  x08')],
    ['unpadded base64', goNote.replace('AM=\n', 'AM\n')],
    ['a carriage return', goNote.replace('problem,\n', 'problem,\r\n')],
    ['a signature too short to hold a key id', `${goText}\n\u2014 PeterNeumann AAAA\n`],
  ])('rejects a note with %s as malformed', (_, note) => {
    expectNoteError(() => openNote(note, [verifier]), 'malformed-note');
  });

  it('refuses to sign text that does not end with a newline', () => {
    expectNoteError(() => signNote('no newline', [parseSignerKey(goSignerKey)]), 'malformed-note');
  });
});
