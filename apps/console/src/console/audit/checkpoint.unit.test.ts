import { describe, expect, it } from 'vitest';
import { parseCheckpoint } from './checkpoint.ts';

describe('reading a signed checkpoint to show it', () => {
  it('gives origin, size, root and each signature line', () => {
    const note = 'accountability-ledger\n42\nZJmVrpX4XTqfqS9gPCS+qVh8gbKmUxS8UehIgmBCCW8=\n\n\u2014 accountability-ledger AbCd1234==\n';
    expect(parseCheckpoint(note)).toEqual({
      origin: 'accountability-ledger',
      size: 42,
      root: 'ZJmVrpX4XTqfqS9gPCS+qVh8gbKmUxS8UehIgmBCCW8=',
      signatures: [{ name: 'accountability-ledger', signature: 'AbCd1234==' }],
      text: note,
    });
  });

  it('says nothing of a text that is no checkpoint', () => {
    expect(parseCheckpoint('not found')).toBeUndefined();
    expect(parseCheckpoint('origin\nforty-two\nroot\n\n')).toBeUndefined();
  });
});
