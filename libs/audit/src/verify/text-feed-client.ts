/** The ledger's text feed as an auditor downloads it (docs/verification.md section 1). */
export interface TextFeed {
  /** The feed's bytes from its first event, page after page: canonical leaf lines, in chunks cut anywhere. */
  chunks(): AsyncIterable<Uint8Array>;
  /** Lines read so far by `chunks`. */
  readonly lines: number;
  /**
   * The event at leaf `index` of the feed `chunks` read, asked for again and parsed (only to name a bad event in a
   * report: what was verified are the bytes read the first time); undefined beyond the feed.
   */
  eventAt(index: number): Promise<unknown>;
}

/** Answers one page of the text feed: the lines of the events after `after`, the cursor in its `Ledger-Next` header. */
export type TextFeedPage = (after: number) => Promise<Response>;

const newline = 0x0a;

function newlinesIn(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(newline); at >= 0; at = chunk.indexOf(newline, at + 1)) count++;
  return count;
}

/** The cursor a page carries, checked: the API's promise is a number not behind the page's `after`. */
function nextOf(response: Response, after: number, problem: (message: string) => Error): number {
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-ndjson')) {
    throw problem(`the ledger answered ${type || 'no content type'}, not the text feed (application/x-ndjson): read its JSON feed instead`);
  }
  const next = Number(response.headers.get('ledger-next'));
  if (!Number.isSafeInteger(next) || next < after) throw problem('a page of the text feed without a valid Ledger-Next header');
  return next;
}

/**
 * The text feed over HTTP, page after page, each next page asked for as soon as this one's header names its cursor,
 * so the ledger reads and sends it while the auditor hashes this one. It ends at the first empty page (the cursor
 * did not move). `problem` makes the caller's error for a page that is not what the API promises.
 */
export function textFeedOver(page: TextFeedPage, problem: (message: string) => Error): TextFeed {
  /** Where each page began: its cursor and the leaf index of its first line. */
  const starts: Array<{ after: number; first: number }> = [];
  let lines = 0;
  return {
    get lines() {
      return lines;
    },
    async *chunks() {
      starts.length = 0;
      lines = 0;
      let after = 0;
      let pending: Promise<Response> | undefined = page(after);
      try {
        while (pending) {
          const response: Response = await pending;
          pending = undefined;
          const next = nextOf(response, after, problem);
          starts.push({ after, first: lines });
          if (next > after) {
            pending = page(next);
            // Not awaited until this page is read: a failure must not count as unhandled meanwhile.
            pending.catch(() => {});
          }
          if (response.body) {
            for await (const chunk of response.body) {
              lines += newlinesIn(chunk);
              yield chunk;
            }
          }
          after = next;
        }
      } finally {
        // Stopped early (a malformed line, an error): the page asked for in advance is not read.
        void pending?.then((response) => response.body?.cancel(), () => {});
      }
    },
    async eventAt(index) {
      const start = starts.findLast((candidate) => candidate.first <= index);
      if (!start || index >= lines) return undefined;
      const text = await (await page(start.after)).text();
      const line = text.split('\n')[index - start.first];
      try {
        return line === undefined ? undefined : (JSON.parse(line) as unknown);
      } catch {
        return undefined;
      }
    },
  };
}
