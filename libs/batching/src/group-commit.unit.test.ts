import { describe, expect, it } from 'vitest';
import { type Settled, groupCommit } from './group-commit.ts';

/** A writer whose batches are recorded and finish only when the test lets them. */
function recordingWriter() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const write = async (requests: readonly number[]): Promise<Array<Settled<string>>> => {
    batches.push([...requests]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return requests.map((request) => (request < 0 ? { ok: false, error: new Error(`refused ${request}`) } : { ok: true, value: `done ${request}` }));
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    releases.shift()!();
  };
  return { batches, write, releaseNext };
}

/** A writer that answers at once (on a microtask, as embedded PGlite does) and records its batches. */
function immediateWriter() {
  const batches: number[][] = [];
  const write = async (requests: readonly number[]): Promise<Array<Settled<number>>> => {
    batches.push([...requests]);
    return requests.map((request) => ({ ok: true, value: request }));
  };
  return { batches, write };
}

describe('groupCommit', () => {
  it('writes the requests of one tick together and answers each caller with its own outcome', async () => {
    const writer = recordingWriter();
    const commit = groupCommit(writer.write);
    const answers = [1, -2, 3].map((request) => commit.submit(request));
    await writer.releaseNext();
    const settled = await Promise.allSettled(answers);
    expect(writer.batches).toEqual([[1, -2, 3]]);
    expect(settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message))).toEqual([
      'done 1',
      'refused -2',
      'done 3',
    ]);
  });

  it('gathers what arrives during a batch into the next one, in arrival order, one batch at a time', async () => {
    const writer = recordingWriter();
    const commit = groupCommit(writer.write);
    const first = commit.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = [2, 3, 4].map((request) => commit.submit(request));
    expect(writer.batches).toEqual([[1]]);
    await writer.releaseNext();
    await first;
    await writer.releaseNext();
    await Promise.all(later);
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('starts a new writer for a request submitted by a caller just answered', async () => {
    const commit = groupCommit(async (requests: readonly number[]) => requests.map((request) => ({ ok: true as const, value: request })));
    let chained = 0;
    for (let round = 0; round < 50; round += 1) chained += await commit.submit(1).then(() => commit.submit(1));
    expect(chained).toBe(50);
  });

  it('splits by size: no batch above the limits, but a larger request still goes alone', async () => {
    const writer = recordingWriter();
    const commit = groupCommit(writer.write, { maxRequests: 3, maxUnits: 10, sizeOf: (request: number) => request });
    const answers = [4, 4, 4, 20, 1, 1, 1, 1].map((request) => commit.submit(request));
    for (let batch = 0; batch < 5; batch += 1) await writer.releaseNext();
    await Promise.all(answers);
    expect(writer.batches).toEqual([[4, 4], [4], [20], [1, 1, 1], [1]]);
  });

  it('fails every request of a batch whose write throws, and goes on with the next', async () => {
    let calls = 0;
    const commit = groupCommit(async (requests: readonly number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return requests.map((request) => ({ ok: true as const, value: request }));
    });
    const failed = [1, 2].map((request) => commit.submit(request));
    expect((await Promise.allSettled(failed)).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await commit.submit(3)).toBe(3);
  });

  describe("gathering by event-loop turn ('turn', for a database answered on microtasks)", () => {
    it('writes requests submitted in separate callbacks of one turn in one batch', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write, { gather: 'turn' });
      // Three callbacks of one turn (as three HTTP requests read in one poll): each submits after a microtask chain of its own.
      // Immediates queued together run in one turn on any machine (three zero timeouts may fall into two when it is
      // busy); the writer's own immediate, queued while they run, comes in the next turn.
      const answers = await new Promise<Array<Promise<number>>>((resolve) => {
        const submitted: Array<Promise<number>> = [];
        for (const request of [1, 2, 3]) {
          setImmediate(() => void Promise.resolve().then(() => submitted.push(commit.submit(request))));
        }
        setImmediate(() => resolve(submitted));
      });
      expect(await Promise.all(answers)).toEqual([1, 2, 3]);
      expect(writer.batches).toEqual([[1, 2, 3]]);
    });

    it('writes them one by one when gathering by tick (the default)', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write);
      const answers = await new Promise<Array<Promise<number>>>((resolve) => {
        const submitted: Array<Promise<number>> = [];
        for (const request of [1, 2, 3]) setImmediate(() => submitted.push(commit.submit(request)));
        setImmediate(() => resolve(submitted));
      });
      await Promise.all(answers);
      expect(writer.batches).toEqual([[1], [2], [3]]);
    });

    it('delays a lone caller by one turn at most: it is answered before the end of the turn it waited for', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write, { gather: 'turn' });
      const order: string[] = [];
      const answered = commit.submit(7).then(() => order.push('answered'));
      // Queued just after the writer's wait, for the same turn: a writer that waited longer would be answered after it.
      setImmediate(() => order.push('end of the turn'));
      await answered;
      await new Promise((resolve) => setImmediate(resolve));
      expect(order).toEqual(['answered', 'end of the turn']);
      expect(writer.batches).toEqual([[7]]);
    });

    it('writes at once when told to: a reader polling on microtasks alone does not starve the writer', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write, { gather: 'turn' });
      const state = { answered: false };
      const answer = commit.submit(1).then(() => (state.answered = true));
      // Polls without ever yielding to the event loop: without writeNow, the writer's turn would never come.
      for (let polls = 0; polls < 100 && !state.answered; polls += 1) {
        if (polls === 3) commit.writeNow();
        await Promise.resolve();
      }
      expect(state.answered).toBe(true);
      await answer;
      expect(writer.batches).toEqual([[1]]);
    });
  });

  describe("no gathering ('none', for a read that must reach the database before its caller goes on)", () => {
    it('hands a lone request to the writer within submit, before any microtask runs', () => {
      const writer = recordingWriter();
      const commit = groupCommit(writer.write, { gather: 'none' });
      void commit.submit(1);
      expect(writer.batches).toEqual([[1]]);
    });

    it('waits one microtask when gathering by tick (the default): a lone request is not yet written when submit returns', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write);
      const answer = commit.submit(1);
      expect(writer.batches).toEqual([]);
      expect(await answer).toBe(1);
      expect(writer.batches).toEqual([[1]]);
    });

    it('gathers what is asked while a batch runs into the next one, one batch in flight', async () => {
      const writer = recordingWriter();
      const commit = groupCommit(writer.write, { gather: 'none' });
      const first = commit.submit(1);
      const later = [2, 3].map((request) => commit.submit(request));
      expect(writer.batches).toEqual([[1]]);
      await writer.releaseNext();
      expect(await first).toBe('done 1');
      await writer.releaseNext();
      expect(await Promise.all(later)).toEqual(['done 2', 'done 3']);
      expect(writer.batches).toEqual([[1], [2, 3]]);
    });

    it('answers every asker of a batch with what the writer gave it, and every asker an error when it throws', async () => {
      let calls = 0;
      const shared = new Map([['a', 1]]);
      const commit = groupCommit<string, ReadonlyMap<string, number>>(
        async (requests) => {
          calls += 1;
          if (calls === 2) throw new Error('connection lost');
          return requests.map(() => ({ ok: true, value: shared }));
        },
        { gather: 'none' },
      );
      const first = commit.submit('a');
      const joined = [commit.submit('b'), commit.submit('c')];
      expect(await first).toBe(shared);
      expect((await Promise.allSettled(joined)).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(await commit.submit('d')).toBe(shared);
      expect(calls).toBe(3);
    });
  });

  describe("gathering until process.nextTick ('next-tick', for writers handed their work together)", () => {
    const afterAwaits = async (awaits: number, submit: () => Promise<number>) => {
      for (let count = 0; count < awaits; count += 1) await Promise.resolve();
      return submit();
    };

    it('writes in one batch what callers submit after chains of awaits of different lengths', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write, { gather: 'next-tick' });
      const answers = [afterAwaits(0, () => commit.submit(1)), afterAwaits(3, () => commit.submit(2)), afterAwaits(20, () => commit.submit(3))];
      expect(await Promise.all(answers)).toEqual([1, 2, 3]);
      expect(writer.batches).toEqual([[1, 2, 3]]);
    });

    it('splits them when gathering by tick (the default)', async () => {
      const writer = immediateWriter();
      const commit = groupCommit(writer.write);
      const answers = [afterAwaits(0, () => commit.submit(1)), afterAwaits(3, () => commit.submit(2)), afterAwaits(20, () => commit.submit(3))];
      expect(await Promise.all(answers)).toEqual([1, 2, 3]);
      expect(writer.batches.length).toBeGreaterThan(1);
    });

    it('writes before a callback queued earlier in the same turn runs (a read right after the write)', async () => {
      const log: string[] = [];
      const commit = groupCommit(
        async (requests: readonly number[]) => {
          log.push(`write ${requests.join(',')}`);
          return requests.map((request) => ({ ok: true as const, value: request }));
        },
        { gather: 'next-tick' },
      );
      // Two callbacks of one turn (two HTTP requests read in one poll): the first writes after a few awaits, the second reads.
      const written = await new Promise<Promise<number>>((resolve) => {
        let answer: Promise<number> | undefined;
        setImmediate(() => void (answer = afterAwaits(2, () => commit.submit(1))));
        setImmediate(() => log.push('read'));
        setImmediate(() => resolve(answer!));
      });
      expect(await written).toBe(1);
      expect(log).toEqual(['write 1', 'read']);
    });
  });

  describe('writing each request alone when a batch fails (retryAlone)', () => {
    /** Refuses a batch that holds a negative request, as a database refuses a statement with one bad row. */
    function refusingWriter() {
      const batches: number[][] = [];
      const write = async (requests: readonly number[]): Promise<Array<Settled<number>>> => {
        batches.push([...requests]);
        if (requests.some((request) => request < 0)) throw new Error(`refused ${requests.join(',')}`);
        return requests.map((request) => ({ ok: true, value: request }));
      };
      return { batches, write };
    }
    const outcomes = (settled: Array<PromiseSettledResult<number>>) =>
      settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message));

    it('fails only the bad request: the others are written again alone and answered', async () => {
      const writer = refusingWriter();
      const commit = groupCommit(writer.write, { retryAlone: true });
      const settled = await Promise.allSettled([1, -2, 3].map((request) => commit.submit(request)));
      expect(outcomes(settled)).toEqual([1, 'refused -2', 3]);
      expect(writer.batches).toEqual([[1, -2, 3], [1], [-2], [3]]);
    });

    it('fails the whole batch without it', async () => {
      const writer = refusingWriter();
      const commit = groupCommit(writer.write);
      const settled = await Promise.allSettled([1, -2, 3].map((request) => commit.submit(request)));
      expect(outcomes(settled)).toEqual(['refused 1,-2,3', 'refused 1,-2,3', 'refused 1,-2,3']);
      expect(writer.batches).toEqual([[1, -2, 3]]);
    });

    it('does not write a lone request twice', async () => {
      const writer = refusingWriter();
      const commit = groupCommit(writer.write, { retryAlone: true });
      await expect(commit.submit(-1)).rejects.toThrow('refused -1');
      expect(writer.batches).toEqual([[-1]]);
    });

    it('does not retry a batch whose writer answered the wrong number of outcomes: it has already written', async () => {
      const batches: number[][] = [];
      const commit = groupCommit(
        async (requests: readonly number[]): Promise<Array<Settled<number>>> => {
          batches.push([...requests]);
          return [{ ok: true, value: requests[0]! }];
        },
        { retryAlone: true },
      );
      const settled = await Promise.allSettled([1, 2].map((request) => commit.submit(request)));
      expect(outcomes(settled)).toEqual(['group commit: 1 outcomes for 2 requests', 'group commit: 1 outcomes for 2 requests']);
      expect(batches).toEqual([[1, 2]]);
    });
  });
});
