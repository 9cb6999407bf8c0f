/** An append names a leaf index already stored with another hash: the log never rewrites a leaf. */
export class LeafConflictError extends Error {
  readonly index: number;
  constructor(index: number) {
    super(`leaf ${index} is already stored with a different hash; the log never rewrites a leaf`);
    this.name = 'LeafConflictError';
    this.index = index;
  }
}

/** An append starts beyond the end of the log: leaves must be appended without gaps. */
export class LogGapError extends Error {
  readonly firstIndex: number;
  readonly size: number;
  constructor(firstIndex: number, size: number) {
    super(`append starts at leaf ${firstIndex}, but the log holds ${size} leaves: leaves must follow without a gap`);
    this.name = 'LogGapError';
    this.firstIndex = firstIndex;
    this.size = size;
  }
}

/** The log cannot say which event position it stopped at (it was fed raw leaf hashes). */
export class UnknownPositionError extends Error {
  constructor(index: number) {
    super(`leaf ${index} was appended without its event position; the log cannot resume from the event store`);
    this.name = 'UnknownPositionError';
  }
}
