/** What one request of a batch came to: its own answer or its own error. */
export type Settled<Answer> = { ok: true; value: Answer } | { ok: false; error: unknown };

export interface GroupCommitOptions<Request> {
  /** The most requests one batch takes; the rest wait for the next batch. */
  maxRequests?: number;
  /** The most units (e.g. events) one batch takes, counted by `sizeOf`; a single larger request still goes alone. */
  maxUnits?: number;
  sizeOf?: (request: Request) => number;
  /**
   * How long the writer gathers before it takes a batch. `tick` (the default): the callers of the current microtask
   * tick, right for a database answered over the network, whose replies arrive in later event-loop turns anyway.
   * `turn`: the rest of the current event-loop turn (one `setImmediate`), for a database answered on microtasks alone
   * (embedded PGlite): there every request parsed in one turn would otherwise be written alone, its statements done
   * before the next request's bytes are even read. A lone caller waits one turn at most. `none`: no wait, the first
   * request starts a batch at once when none is running (its statement is sent before `submit` returns); only what
   * arrives while a batch runs is gathered, into the next. For a caller that must reach the database before anything
   * it does next (a read that a later write of the same request must not overtake). `next-tick`: until
   * `process.nextTick`, that is once every promise reaction under way has run, chains of awaits included, and no
   * later: for writers handed their work together that each await a little before submitting (the consumers of one
   * bus batch), where a later start (`turn`) would let a read asked right after the write reach the database first.
   */
  gather?: 'none' | 'tick' | 'next-tick' | 'turn';
  /**
   * When `writeBatch` throws for a batch of several requests, write each of them again alone, in order, so that one
   * bad request (a value the database refuses) fails only its own caller; the writer must then make a failed batch
   * leave nothing behind (one transaction or one statement). Without it every request of the batch gets the error.
   */
  retryAlone?: boolean;
}

export interface GroupCommit<Request, Answer> {
  submit(request: Request): Promise<Answer>;
  /** Resolves once every request submitted so far has been answered. */
  drained(): Promise<void>;
  /**
   * Ends a `turn` gathering at once. For a reader that may wait on these requests without ever yielding to the event
   * loop (a loop polling a store answered on microtasks alone): the writer's `setImmediate` would never come.
   */
  writeNow(): void;
}

/**
 * Group commit: callers submit requests at any time; one writer at a time takes every request waiting, hands them
 * to `writeBatch` together and answers each caller with its own outcome. A request that arrives while a batch is
 * being written waits for the next one, so the batch grows with the load and a lone caller is never delayed.
 * `writeBatch` answers one outcome per request, in order; if it throws, every request of the batch gets that error
 * (or, with `retryAlone`, is written again alone).
 */
export function groupCommit<Request, Answer>(
  writeBatch: (requests: readonly Request[]) => Promise<Array<Settled<Answer>>>,
  options: GroupCommitOptions<Request> = {},
): GroupCommit<Request, Answer> {
  const maxRequests = options.maxRequests ?? 1_000;
  const maxUnits = options.maxUnits ?? Number.POSITIVE_INFINITY;
  const sizeOf = options.sizeOf ?? (() => 1);
  /** Ends the current `turn` gathering early (writeNow). */
  let endGathering: (() => void) | undefined;
  const gatherTurn = () =>
    new Promise<void>((resolve) => {
      const immediate = setImmediate(() => endGathering?.());
      endGathering = () => {
        clearImmediate(immediate);
        endGathering = undefined;
        resolve();
      };
    });
  const gatherings = {
    none: undefined,
    tick: () => Promise.resolve(),
    'next-tick': () => new Promise<void>((resolve) => process.nextTick(resolve)),
    turn: gatherTurn,
  };
  const gather: (() => Promise<void>) | undefined = gatherings[options.gather ?? 'tick'];
  type Waiting = { request: Request; resolve: (answer: Answer) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  /** The running writer; cleared in the same synchronous step that finds nothing left, so no request is stranded. */
  let writing: Promise<void> | undefined;

  function takeBatch(): Waiting[] {
    let units = 0;
    let count = 0;
    while (count < waiting.length && count < maxRequests) {
      const size = sizeOf(waiting[count]!.request);
      if (count > 0 && units + size > maxUnits) break;
      units += size;
      count += 1;
    }
    const batch = waiting.slice(0, count);
    waiting = waiting.slice(count);
    return batch;
  }

  async function writeAll(): Promise<void> {
    try {
      // Let the callers of this tick (or turn) join each batch. Gathering before every batch, not only the first, also
      // gives the other users of the database a turn between two batches (consumers reading what was written). With
      // `none` nothing is awaited here: the first batch is handed to `writeBatch` within `submit`.
      do {
        if (gather) await gather();
        await writeOneBatch();
      } while (waiting.length > 0);
    } finally {
      writing = undefined;
    }
  }

  /** One outcome a request, in order: the writer's, or its error for each; with `retryAlone`, each request's own. */
  async function outcomesOf(requests: readonly Request[]): Promise<Array<Settled<Answer>>> {
    let outcomes: Array<Settled<Answer>>;
    try {
      outcomes = await writeBatch(requests);
    } catch (error) {
      if (!options.retryAlone || requests.length === 1) return requests.map(() => ({ ok: false, error }));
      const aloneOutcomes: Array<Settled<Answer>> = [];
      for (const request of requests) aloneOutcomes.push(...(await outcomesOf([request])));
      return aloneOutcomes;
    }
    // A writer that answers the wrong count has already written: a fault of the writer, never retried.
    if (outcomes.length !== requests.length) {
      const error = new Error(`group commit: ${outcomes.length} outcomes for ${requests.length} requests`);
      return requests.map(() => ({ ok: false, error }));
    }
    return outcomes;
  }

  async function writeOneBatch(): Promise<void> {
    const batch = takeBatch();
    const outcomes = await outcomesOf(batch.map((entry) => entry.request));
    batch.forEach((entry, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }

  return {
    submit(request) {
      const answer = new Promise<Answer>((resolve, reject) => waiting.push({ request, resolve, reject }));
      writing ??= writeAll();
      return answer;
    },
    writeNow() {
      endGathering?.();
    },
    async drained() {
      // A writer may be followed by another one started by its callers: wait until none is running.
      for (let running = writing; running; running = writing) await running;
    },
  };
}
