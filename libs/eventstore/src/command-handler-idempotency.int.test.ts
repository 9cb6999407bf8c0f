import type { SqlClient } from '@ledger/sql';
import { sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decider } from '@ledger/decider';
import { IdempotencyKeyReusedError, executeCommand } from './command-handler.ts';
import { SqlEventStore } from './sql/sql-event-store.ts';

// A department registered once, then renamed: a command names the department and, to vary how many events one
// decision emits, how many renames to record at once.
type Event = { type: 'DepartmentRegistered' | 'DepartmentChanged'; data: { departmentId: string; name: string; category: 'vertical'; at: string } };
type Command = { name: string; renames: number };
const data = (name: string) => ({ departmentId: 'd', name, category: 'vertical' as const, at: '2026-01-01T00:00:00Z' });
const departments: Decider<Command, { names: string[] }, Event, never> = {
  initialState: { names: [] },
  evolve: (state, event) => ({ names: [...state.names, event.data.name] }),
  decide(command, state) {
    const renames = Array.from({ length: command.renames }, (_, index) => ({ type: 'DepartmentChanged' as const, data: data(`${command.name} ${index + 1}`) }));
    return { ok: true, events: state.names.length === 0 ? [{ type: 'DepartmentRegistered', data: data(command.name) }, ...renames] : renames };
  },
};

const engines = await sqlEngines(8);

describe.each(engines)('one idempotency key, requests racing on %s', (_name, open) => {
  let sql: SqlClient;
  let dispose: () => Promise<void>;
  let store: SqlEventStore;
  beforeAll(async () => {
    ({ sql, dispose } = await open());
    store = await SqlEventStore.open(sql);
  });
  afterAll(async () => {
    await sql?.close();
    await dispose?.();
  });

  it('answers the requests of the body that won as the first time and refuses every other body, however many events each decided', async () => {
    // 30 requests, 6 bodies of 0 to 5 renames: each body decides a different number of events under the same key.
    const requests = Array.from({ length: 30 }, (_, index) => ({ body: index % 6, command: { name: `Name ${index % 6}`, renames: index % 6 } }));
    const settled = await Promise.allSettled(
      requests.map(({ body, command }) =>
        executeCommand(store, 'dept-raced', departments, command, { idempotencyKey: 'one-key', requestFingerprint: `body-${body}` }),
      ),
    );
    const winners = new Set(requests.filter((_, index) => settled[index]!.status === 'fulfilled').map((request) => request.body));
    expect(winners.size).toBe(1);
    const [winner] = winners;
    settled.forEach((outcome, index) => {
      if (requests[index]!.body === winner) expect(outcome.status).toBe('fulfilled');
      else expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(IdempotencyKeyReusedError);
    });
    const stored = await store.readStream('dept-raced');
    expect(stored).toHaveLength(1 + winner!);
    expect(new Set(stored.map((event) => event.metadata.requestFingerprint))).toEqual(new Set([`body-${winner}`]));
    // Every answer of the winning body is the same set of events, the one stored.
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled' && outcome.value.ok) expect(outcome.value.events.map((event) => event.eventId)).toEqual(stored.map((event) => event.eventId));
    }
  });

  it('refuses a different body that comes after the winner was stored, and answers the same body as the first time', async () => {
    const first = await executeCommand(store, 'dept-later', departments, { name: 'First', renames: 0 }, { idempotencyKey: 'later-key', requestFingerprint: 'a' });
    await expect(
      executeCommand(store, 'dept-later', departments, { name: 'Other', renames: 0 }, { idempotencyKey: 'later-key', requestFingerprint: 'b' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const again = await executeCommand(store, 'dept-later', departments, { name: 'First', renames: 0 }, { idempotencyKey: 'later-key', requestFingerprint: 'a' });
    expect(again.ok && again.replayed).toBe(true);
    expect(again.ok && first.ok && again.events.map((event) => event.eventId)).toEqual(first.ok && first.events.map((event) => event.eventId));
    expect(await store.readStream('dept-later')).toHaveLength(1);
  });
});
