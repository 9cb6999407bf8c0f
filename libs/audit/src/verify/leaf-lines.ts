/**
 * Cuts the text feed (docs/verification.md section 1: one canonical leaf a line, each ended by a newline, arriving in
 * chunks cut anywhere) into leaves, and hands each on as its RFC 9162 hash input: 0x00, then the line's bytes. The
 * bytes are never parsed: a line is the leaf exactly as hashed, so finding newlines and copying is all there is
 * between the network and SHA-256.
 */
export class LeafLines {
  /** 0x00, then the line being assembled; grown when a line needs more. */
  private scratch = Buffer.alloc(1 << 16);
  /** Bytes of an unfinished line (cut by a chunk's end) held in `scratch` after the 0x00. */
  private pending = 0;
  /**
   * The views of `scratch` handed on, by length: lines of a feed have few lengths, and a view made per line cost
   * about a tenth of the hashing of a leaf (issue 9).
   */
  private views: Buffer[] = [];

  private readonly take: (prefixedLeaf: Buffer) => boolean;

  /** `take` is called with each line's hash input, a view valid only during the call; false stops the reading. */
  constructor(take: (prefixedLeaf: Buffer) => boolean) {
    this.take = take;
  }

  /** Reads the lines a chunk completes; false once `take` asked to stop. */
  push(chunk: Uint8Array): boolean {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(0x0a, start); end >= 0; end = bytes.indexOf(0x0a, start)) {
      const length = this.pending + (end - start);
      this.reserve(length);
      bytes.copy(this.scratch, 1 + this.pending, start, end);
      this.pending = 0;
      if (!this.take((this.views[1 + length] ??= this.scratch.subarray(0, 1 + length)))) return false;
      start = end + 1;
    }
    if (start < bytes.length) {
      this.reserve(this.pending + bytes.length - start);
      bytes.copy(this.scratch, 1 + this.pending, start);
      this.pending += bytes.length - start;
    }
    return true;
  }

  /** Whether the feed ended on a line's end (a feed cut inside a line has lost its last leaf's end). */
  get complete(): boolean {
    return this.pending === 0;
  }

  private reserve(lineLength: number): void {
    if (1 + lineLength <= this.scratch.length) return;
    const grown = Buffer.alloc(Math.max(2 * this.scratch.length, 1 + lineLength));
    this.scratch.copy(grown, 0, 0, 1 + this.pending);
    this.scratch = grown;
    this.views = [];
  }
}
