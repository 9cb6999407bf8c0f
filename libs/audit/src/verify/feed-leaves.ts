import { prefixedLeafBytes } from '../leaf/encoding.ts';
import { LeafLines } from './leaf-lines.ts';

/** Where the leaves go: `PrefixRoots`, or `PrefixRootsOnWorker`, whose `backlog` asks the reading to wait for its worker. */
export interface LeafSink {
  appendPrefixedLeaf(prefixedLeaf: Uint8Array): void;
  backlog?(): Promise<void> | undefined;
}

/** How much of a feed was read: its length, or the first item that cannot be a leaf. */
export type FeedReading = { length: number } | { malformedAt: number; detail: string };

type Stream<T> = Iterable<T> | AsyncIterable<T>;

/**
 * Each item of a stream; a stream held in memory is iterated as it is: `for await` would cost a promise and a turn per
 * item. After each item, waits for the sink when it asks to (a tree worker behind).
 */
async function forEach<T>(stream: Stream<T>, visit: (item: T) => boolean, sink: LeafSink): Promise<void> {
  if (Symbol.asyncIterator in stream) {
    for await (const item of stream) {
      if (!visit(item)) return;
      await sink.backlog?.();
    }
  } else {
    for (const item of stream) {
      if (!visit(item)) return;
      const backlog = sink.backlog?.();
      if (backlog) await backlog;
    }
  }
}

/**
 * The JSON feed (CloudEvents objects): each event's canonical JSON appended as a leaf while `covered` leaves are not
 * yet reached, the events after them only counted (no checkpoint signs them yet).
 */
export async function readEventFeed(feed: Stream<unknown>, covered: number, prefixes: LeafSink): Promise<FeedReading> {
  let length = 0;
  let malformed: FeedReading | undefined;
  await forEach(feed, (event) => {
    if (length < covered) {
      try {
        prefixes.appendPrefixedLeaf(prefixedLeafBytes(event));
      } catch (error) {
        malformed = { malformedAt: length, detail: `feed event ${length}: ${(error as Error).message}` };
        return false;
      }
    }
    length++;
    return true;
  }, prefixes);
  return malformed ?? { length };
}

const openBrace = 0x7b;
const closeBrace = 0x7d;

/**
 * The text feed (canonical leaf lines, docs/verification.md section 1) in chunks of bytes: each line hashed as it is,
 * never parsed. A line that cannot be a leaf's canonical JSON (not an object's braces: an empty line, a carriage
 * return) or a feed that stops inside a line is malformed: hashed, it could only mismatch, and misname the cause.
 */
export async function readLeafLines(chunks: Stream<Uint8Array>, covered: number, prefixes: LeafSink): Promise<FeedReading> {
  let length = 0;
  let malformed: FeedReading | undefined;
  const lines = new LeafLines((prefixedLeaf) => {
    const last = prefixedLeaf.length - 1;
    if (last < 2 || prefixedLeaf[1] !== openBrace || prefixedLeaf[last] !== closeBrace) {
      malformed = { malformedAt: length, detail: `feed line ${length}: not a canonical JSON object (${last} bytes)` };
      return false;
    }
    if (length < covered) prefixes.appendPrefixedLeaf(prefixedLeaf);
    length++;
    return true;
  });
  await forEach(chunks, (chunk) => lines.push(chunk), prefixes);
  if (malformed) return malformed;
  if (!lines.complete) return { malformedAt: length, detail: `feed line ${length}: the feed ends inside it (every line ends with a newline)` };
  return { length };
}
