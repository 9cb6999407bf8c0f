import { describe, expect, it } from 'vitest';
import { fromBase64Strict } from '../encoding/base64.ts';
import { emptyRoot } from '../merkle/hash.ts';
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.ts';
import { NoteError } from './errors.ts';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from './keys.ts';

const keys = generateNoteKey('ledger.example/log');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);
const root = fromBase64Strict('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=')!;

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof NoteError) return error.code;
    throw error;
  }
  return undefined;
}

describe('checkpoints', () => {
  it('formats the body as origin, size and base64 root lines', () => {
    expect(formatCheckpoint({ origin: 'example.com/behind-the-sofa', size: 20852163, root })).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
  });

  it('round-trips through signing and opening', () => {
    const note = signCheckpoint({ origin: 'ledger.example/log', size: 42, root }, signer);
    expect(note).toMatch(/^ledger\.example\/log\n42\nCsUYapGGPo4dkMgIAUqom\/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 ledger\.example\/log [A-Za-z0-9+/]+=*\n$/);
    expect(openCheckpoint(note, verifier, { origin: 'ledger.example/log' })).toEqual({ origin: 'ledger.example/log', size: 42, root });
  });

  it('rejects a checkpoint whose size or root was changed after signing', () => {
    const note = signCheckpoint({ origin: 'ledger.example/log', size: 42, root }, signer);
    expect(codeOf(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), verifier))).toBe('bad-signature');
    expect(codeOf(() => openCheckpoint(note.replace('CsUY', 'CsUZ'), verifier))).toBe('bad-signature');
  });

  it('rejects a checkpoint signed by another key', () => {
    const other = parseSignerKey(generateNoteKey('ledger.example/log').signerKey);
    const note = signCheckpoint({ origin: 'ledger.example/log', size: 42, root }, other);
    expect(codeOf(() => openCheckpoint(note, verifier))).toBe('unknown-key');
  });

  it('rejects a checkpoint of another origin when one is expected', () => {
    const note = signCheckpoint({ origin: 'other.example/log', size: 1, root }, signer);
    expect(codeOf(() => openCheckpoint(note, verifier, { origin: 'ledger.example/log' }))).toBe('origin-mismatch');
  });

  it.each([
    ['a leading zero in the size', 'o\n042\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a negative size', 'o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a root of 31 bytes', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n'],
    ['no root line', 'o\n1\n'],
    ['an empty origin', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['an empty extension line', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\nx\n'],
  ])('refuses checkpoint text with %s', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('malformed-checkpoint');
  });

  it('signs the documented example checkpoint byte for byte', () => {
    // docs/verification.md: the tree holding only the worked-example event, under the example key.
    const exampleSigner = parseSignerKey('PRIVATE+KEY+ledger.example.org/log+9124c31d+ASDbIofzPYiXfjbValne8ZY1x2uaIkQQVysn/C+2yU36');
    expect(exampleSigner.verifierKey).toBe('ledger.example.org/log+9124c31d+AWmRT7NiJmillXgDq4MQJXDnKFSUk0DnBBR0/+efYa/X');
    const exampleRoot = fromBase64Strict('G1G/2yApHFL+uRfKVXpNYY/SQQHlbPAw7EpoPH+kHzw=')!;
    const note = signCheckpoint({ origin: 'ledger.example.org/log', size: 1, root: exampleRoot }, exampleSigner);
    expect(note).toBe(
      'ledger.example.org/log\n1\nG1G/2yApHFL+uRfKVXpNYY/SQQHlbPAw7EpoPH+kHzw=\n\n' +
        '\u2014 ledger.example.org/log kSTDHSIi/4wulr0fSiAr8MN4HG0ajRoVKwzRzml+bschFLM5Gn56LKP1AaUtR2cruK3vKgwbOd8qCvq1kRkPduemcQc=\n',
    );
  });

  it('reads extension lines and the empty tree', () => {
    expect(parseCheckpoint('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n')).toEqual({
      origin: 'o',
      size: 0,
      root: emptyRoot,
      extensions: ['ext'],
    });
  });
});
