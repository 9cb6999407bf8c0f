import type { NewEvent, RecordedEvent } from '@ledger/events';
import { departmentRegistered, sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runWithFreshnessSince } from '../stream-change-probe.ts';
import { streamStateCache } from '../stream-state-cache.ts';
import { SqlEventStore } from './sql-event-store.ts';

/** Any event of a known type: the caches here count a stream's events. */
const event = (): NewEvent => departmentRegistered('d-1');
const count = (events: RecordedEvent[]) => events.length;

// Issue 9: the stream-state caches of a store shared by processes ask one probe of changes, shared by every cache and
// every call of one request, instead of a version query per cache and call; a change made elsewhere still holds from
// the next request on.
describe.each(await sqlEngines(4))('the change probe of the stream-state caches on %s', (_engine, open) => {
  let dispose: () => Promise<void>;
  let here: SqlEventStore;
  let elsewhere: SqlEventStore;
  beforeAll(async () => {
    const opened = await open();
    here = await SqlEventStore.open(opened.sql);
    elsewhere = await SqlEventStore.open(opened.sql);
    dispose = async () => {
      await opened.sql.close();
      await opened.dispose();
    };
  });
  afterAll(() => dispose());

  it('given events after a position, then the store names the streams of the prefixes asked, once each, and the head', async () => {
    const after = await here.headPosition();
    await elsewhere.append('fruit-apple', [event(), event()], 'no-stream');
    await elsewhere.append('veg-leek', [event()], 'no-stream');
    await elsewhere.append('nut-pecan', [event()], 'no-stream');
    const changes = await here.streamChanges(after, ['fruit-', 'nut-']);
    expect(changes.streamIds.toSorted()).toEqual(['fruit-apple', 'nut-pecan']);
    expect(changes.head).toBe(await here.headPosition());
    expect(await here.streamChanges(changes.head, ['fruit-', 'nut-'])).toEqual({ head: changes.head, streamIds: [] });
  });

  it('given two caches read in one request, then one probe answers both; a change made elsewhere holds from the next request on', async () => {
    await elsewhere.append('cup-1', [event()], 'no-stream');
    await elsewhere.append('jar-1', [event()], 'no-stream');
    const cups = streamStateCache(here, { streamPrefix: 'cup-', fold: count });
    const jars = streamStateCache(here, { streamPrefix: 'jar-', fold: count });
    const request = () => runWithFreshnessSince(performance.now(), async () => [await cups.stateOf('cup-1'), await jars.stateOf('jar-1')]);
    expect(await request()).toEqual([1, 1]);

    const probes = vi.spyOn(here, 'streamChanges');
    const reads = vi.spyOn(here, 'readStream');
    expect(await request()).toEqual([1, 1]);
    expect([probes.mock.calls.length, reads.mock.calls.length]).toEqual([1, 0]);

    await elsewhere.append('jar-1', [event()], 0);
    expect(await request()).toEqual([1, 2]);
    expect([probes.mock.calls.length, reads.mock.calls.length]).toEqual([2, 1]);
    probes.mockRestore();
    reads.mockRestore();
  });

  it('given concurrent calls, then they share the probes; each sees every change recorded before it began', async () => {
    await elsewhere.append('box-1', [event()], 'no-stream');
    const boxes = streamStateCache(here, { streamPrefix: 'box-', fold: count });
    expect(await boxes.stateOf('box-1')).toBe(1);
    const probes = vi.spyOn(here, 'streamChanges');
    const answers = await Promise.all(Array.from({ length: 8 }, () => boxes.stateOf('box-1')));
    expect(answers).toEqual(Array.from({ length: 8 }, () => 1));
    expect(probes.mock.calls.length).toBeLessThanOrEqual(2);

    // A read under way when the change lands is not kept: the next call reads again.
    const during = boxes.stateOf('box-2');
    await elsewhere.append('box-2', [event()], 'any');
    await during;
    expect(await boxes.stateOf('box-2')).toBe(1);
    await elsewhere.append('box-1', [event()], 0);
    expect(await boxes.stateOf('box-1')).toBe(2);
    probes.mockRestore();
  });
});
