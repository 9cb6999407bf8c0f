import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@ledger/events';
import { type EventStore, WrongExpectedVersionError } from '@ledger/eventstore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface EventStoreUnderTest {
  store: EventStore;
  /** Releases what `create` opened. */
  dispose(): Promise<void>;
}

const newEvent = (type = 'TestHappened', data: unknown = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
});

const uniqueStream = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/**
 * The behaviour every EventStore adapter must show. `create` is called once per suite; streams are
 * unique per test, so tests share one store, as they would share a production ledger.
 */
export function eventStoreContract(name: string, create: () => Promise<EventStoreUnderTest | undefined>) {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeAll(async () => {
      const created = await create();
      if (!created) throw new Error('engine not available');
      subject = created;
      store = created.store;
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    it('appends to a new stream and reads it back in order, with versions from 0', async () => {
      const streamId = uniqueStream();
      const events = [newEvent('A', { i: 0 }), newEvent('B', { i: 1 }), newEvent('C', { i: 2 })];
      const result = await store.append(streamId, events, 'no-stream');
      expect(result.nextExpectedVersion).toBe(2);
      expect(result.alreadyStored).toBe(false);
      const read = await store.readStream(streamId);
      expect(read.map((event) => [event.type, event.streamVersion, event.data])).toEqual([
        ['A', 0, { i: 0 }],
        ['B', 1, { i: 1 }],
        ['C', 2, { i: 2 }],
      ]);
      expect(read.map((event) => event.position)).toEqual(result.positions);
      expect(read.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
    });

    it('keeps metadata and business time, and sets recordedAt itself', async () => {
      const streamId = uniqueStream();
      const before = Date.now();
      await store.append(
        streamId,
        [{ ...newEvent(), occurredAt: '2020-01-02T03:04:05.000Z', metadata: { commandId: 'cmd-1', actor: 'clerk:7' } }],
        'no-stream',
      );
      const [event] = await store.readStream(streamId);
      expect(event!.occurredAt).toBe('2020-01-02T03:04:05.000Z');
      expect(event!.metadata).toEqual({ commandId: 'cmd-1', actor: 'clerk:7' });
      expect(Date.parse(event!.recordedAt)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(event!.recordedAt)).toBeLessThanOrEqual(Date.now() + 1_000);
    });

    it('refuses an append whose expected version does not hold, and writes nothing', async () => {
      const streamId = uniqueStream();
      await store.append(streamId, [newEvent()], 'no-stream');
      await expect(store.append(streamId, [newEvent()], 'no-stream')).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(streamId, [newEvent()], 5)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.append(uniqueStream(), [newEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.readStream(streamId)).toHaveLength(1);
      const next = await store.append(streamId, [newEvent()], 0);
      expect(next.nextExpectedVersion).toBe(1);
      const any = await store.append(streamId, [newEvent()], 'any');
      expect(any.nextExpectedVersion).toBe(2);
    });

    it('treats an append of already stored event ids as a no-op that answers as the first did', async () => {
      const streamId = uniqueStream();
      const events = [newEvent(), newEvent()];
      const first = await store.append(streamId, events, 'no-stream');
      const headBefore = await store.headPosition();
      const again = await store.append(streamId, events, 'no-stream');
      expect(again.alreadyStored).toBe(true);
      expect(again.positions).toEqual(first.positions);
      expect(again.nextExpectedVersion).toBe(first.nextExpectedVersion);
      expect(await store.headPosition()).toBe(headBefore);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('reads the global order from a position, in pages', async () => {
      const start = await store.headPosition();
      const streams = [uniqueStream(), uniqueStream()];
      await store.append(streams[0]!, [newEvent('X'), newEvent('X')], 'no-stream');
      await store.append(streams[1]!, [newEvent('Y')], 'no-stream');
      await store.append(streams[0]!, [newEvent('X')], 1);
      const all = await store.readAll({ after: start, limit: 100 });
      expect(all.map((event) => event.streamId)).toEqual([streams[0], streams[0], streams[1], streams[0]]);
      const positions = all.map((event) => event.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      const firstPage = await store.readAll({ after: start, limit: 2 });
      const secondPage = await store.readAll({ after: firstPage.at(-1)!.position, limit: 2 });
      expect([...firstPage, ...secondPage].map((event) => event.eventId)).toEqual(all.map((event) => event.eventId));
      expect(await store.headPosition()).toBe(positions.at(-1));
    });

    it('answers as of an instant: only what was recorded up to then', async () => {
      const streamId = uniqueStream();
      await store.append(streamId, [newEvent('Early')], 'no-stream');
      const [early] = await store.readStream(streamId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.append(streamId, [newEvent('Late')], 0);
      const asOf = await store.readStream(streamId, { recordedUpTo: early!.recordedAt });
      expect(asOf.map((event) => event.type)).toEqual(['Early']);
      const globalAsOf = await store.readAll({ after: early!.position - 1, limit: 10, recordedUpTo: early!.recordedAt });
      expect(globalAsOf.map((event) => event.type)).toEqual(['Early']);
    });

    it('keeps recordedAt non-decreasing along the global order', async () => {
      const all = await store.readAll({ after: 0, limit: 10_000 });
      for (let index = 1; index < all.length; index += 1) {
        expect(Date.parse(all[index]!.recordedAt)).toBeGreaterThanOrEqual(Date.parse(all[index - 1]!.recordedAt));
      }
    });

    it('subscribes from a position: past events first, then new ones, in order; resumes after a stop', async () => {
      const start = await store.headPosition();
      const streamId = uniqueStream();
      await store.append(streamId, [newEvent('P1')], 'no-stream');
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe({ after: start }, async (event) => {
        if (event.streamId === streamId) seen.push(event);
      });
      await store.append(streamId, [newEvent('P2'), newEvent('P3')], 0);
      await waitUntil(() => seen.length === 3);
      await subscription.stop();
      expect(seen.map((event) => event.type)).toEqual(['P1', 'P2', 'P3']);

      await store.append(streamId, [newEvent('P4')], 2);
      const resumed: string[] = [];
      const again = store.subscribe({ after: seen.at(-1)!.position }, async (event) => {
        if (event.streamId === streamId) resumed.push(event.type);
      });
      await waitUntil(() => resumed.length === 1);
      await again.stop();
      expect(resumed).toEqual(['P4']);
    });

    it('lets exactly one of many concurrent writers win each version of one stream: no lost update', async () => {
      const streamId = uniqueStream('contended');
      await store.append(streamId, [newEvent('Counter', { value: 0 })], 'no-stream');
      const writers = 8;
      const incrementsEach = 5;
      let conflicts = 0;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          let done = 0;
          while (done < incrementsEach) {
            const events = await store.readStream(streamId);
            const last = events.at(-1)!;
            const value = (last.data as { value: number }).value + 1;
            try {
              await store.append(streamId, [newEvent('Counter', { value })], last.streamVersion);
              done += 1;
            } catch (error) {
              if (!(error instanceof WrongExpectedVersionError)) throw error;
              conflicts += 1;
            }
          }
        }),
      );
      const events = await store.readStream(streamId);
      expect(events).toHaveLength(1 + writers * incrementsEach);
      expect(events.map((event) => (event.data as { value: number }).value)).toEqual(events.map((_, index) => index));
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });

    it('answers each of many concurrent appends on its own: a refused one fails only its caller', async () => {
      const existing = uniqueStream('existing');
      await store.append(existing, [newEvent('First')], 'no-stream');
      const fresh = Array.from({ length: 6 }, () => uniqueStream('fresh'));
      const settled = await Promise.allSettled([
        ...fresh.map((streamId) => store.append(streamId, [newEvent('Fresh'), newEvent('Fresh')], 'no-stream')),
        store.append(existing, [newEvent('Conflict')], 'no-stream'),
        store.append(uniqueStream('absent'), [newEvent('Conflict')], 3),
      ]);
      expect(settled.map((outcome) => outcome.status)).toEqual([...fresh.map(() => 'fulfilled'), 'rejected', 'rejected']);
      for (const outcome of settled.slice(-2)) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      for (const [index, streamId] of fresh.entries()) {
        const read = await store.readStream(streamId);
        expect(read.map((event) => event.position)).toEqual((settled[index] as PromiseFulfilledResult<{ positions: number[] }>).value.positions);
      }
      expect(await store.readStream(existing)).toHaveLength(1);
    });

    it('shows a tailing reader every event of concurrent writers once, never filling in behind it', async () => {
      const start = await store.headPosition();
      const writers = 12;
      const appendsEach = 15;
      const streams = Array.from({ length: writers }, () => uniqueStream('tail'));
      const seen: number[] = [];
      let writing = true;
      const reader = (async () => {
        let after = start;
        for (;;) {
          const stillWriting = writing;
          const batch = await store.readAll({ after, limit: 50 });
          for (const event of batch) {
            seen.push(event.position);
            after = event.position;
          }
          if (!stillWriting && batch.length === 0) return;
        }
      })();
      await Promise.all(
        streams.map(async (streamId) => {
          for (let index = 0; index < appendsEach; index += 1) {
            await store.append(streamId, [newEvent('Tick', { index })], index === 0 ? 'no-stream' : index - 1);
          }
        }),
      );
      writing = false;
      await reader;
      const everything = (await store.readAll({ after: start, limit: 100_000 })).filter((event) =>
        streams.includes(event.streamId),
      );
      const seenOnce = new Set(seen);
      expect(seenOnce.size).toBe(seen.length);
      // Everything appended is what the reader saw: a position committed behind the reader would be missing.
      expect(everything.map((event) => event.position).filter((position) => !seenOnce.has(position))).toEqual([]);
      expect(everything).toHaveLength(writers * appendsEach);
      for (let index = 1; index < seen.length; index += 1) expect(seen[index]!).toBeGreaterThan(seen[index - 1]!);
    });
  });
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
