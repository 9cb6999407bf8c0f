export type NoteErrorCode =
  /** A signer or verifier key text is not in the documented format, or its key id does not match. */
  | 'malformed-key'
  /** The note breaks the signed-note syntax (c2sp.org/signed-note). */
  | 'malformed-note'
  /** No signature line comes from a known key. */
  | 'unknown-key'
  /** A signature line from a known key does not verify: the note was altered or forged. */
  | 'bad-signature'
  /** The signed text is not a tlog checkpoint (c2sp.org/tlog-checkpoint). */
  | 'malformed-checkpoint'
  /** The checkpoint names another log than the one expected. */
  | 'origin-mismatch';

/** Every way a key, note or checkpoint can be refused; `code` is stable, the message explains. */
export class NoteError extends Error {
  readonly code: NoteErrorCode;
  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = 'NoteError';
    this.code = code;
  }
}
