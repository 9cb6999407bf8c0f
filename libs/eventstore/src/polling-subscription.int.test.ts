import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@ledger/events';
import { openPglite } from '@ledger/sql';
import { describe, expect, it } from 'vitest';
import { appendSignal } from './polling-subscription.ts';
import { SqlEventStore } from './sql/sql-event-store.ts';

const rejection = (complaintId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'ComplaintRejected',
  schemaVersion: 1,
  data: { complaintId, reason: 'duplicate', at: '2026-04-01T08:00:00.000Z' },
});

// A poll an hour long: a delivery that depended on it would outlast the test's timeout.
const anHour = 3_600_000;

describe('following the store in process', () => {
  it('wakes at once for an append signalled while the follower was still reading', async () => {
    const signal = appendSignal();
    const seen = signal.signalled();
    signal.notify();
    await signal.waitForAppend(anHour, seen);
    expect(signal.signalled()).toBe(seen + 1);
  });

  it('delivers an event appended by the handler of the one before without waiting for the next poll', async () => {
    const sql = await openPglite();
    const store = await SqlEventStore.open(sql, { idlePollMs: anHour });
    const delivered: RecordedEvent[] = [];
    let reaction: (() => void) | undefined;
    const reacted = new Promise<void>((resolve) => (reaction = resolve));
    // Given a follower whose handler records a reaction to the first event (as a processor does),
    const subscription = store.subscribe({ after: 0 }, async (event) => {
      delivered.push(event);
      if (event.streamId === 'complaint-a') await store.append('complaint-b', [rejection('b')], 'no-stream');
      else reaction!();
    });
    // when the first event is recorded,
    await store.append('complaint-a', [rejection('a')], 'no-stream');
    // then the reaction reaches the follower too, long before an hour's poll.
    await reacted;
    expect(delivered.map((event) => event.streamId)).toEqual(['complaint-a', 'complaint-b']);
    await subscription.stop();
    await sql.close();
  });
});
