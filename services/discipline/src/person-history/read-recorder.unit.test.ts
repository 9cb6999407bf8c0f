import type { NewEvent } from '@ledger/events';
import type { AppendResult, EventStore } from '@ledger/eventstore';
import { describe, expect, it } from 'vitest';
import { readRecorder } from './read-recorder.ts';

const read = (reader: string): NewEvent => ({ eventId: crypto.randomUUID(), type: 'PersonHistoryRead', schemaVersion: 1, data: { reader } });

/** A store that only notes when each append was asked for (which turn) and lets the test answer it. */
function notingStore() {
  let turn = 0;
  const asked: Array<{ streamId: string; turn: number; answer: (result: AppendResult | Error) => void }> = [];
  const store = {
    append: (streamId: string, _events: readonly NewEvent[], expected: string) =>
      new Promise<AppendResult>((resolve, reject) => {
        expect(expected).toBe('any');
        asked.push({ streamId, turn, answer: (result) => (result instanceof Error ? reject(result) : resolve(result)) });
      }),
  } as unknown as EventStore;
  const nextTurn = () =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        turn += 1;
        resolve();
      }),
    );
  return { store, asked, nextTurn };
}

describe('the recorder of history reads', () => {
  it('given reads asked in one turn, then the store is asked for them together on the next turn, each caller answered by its own append', async () => {
    const { store, asked, nextTurn } = notingStore();
    const recorder = readRecorder(store);
    const answers = ['p-1', 'p-2', 'p-1'].map((person) => recorder.record(`discipline-reads-${person}`, [read(person)]));
    expect(asked).toHaveLength(0);
    await nextTurn();
    expect(asked.map(({ streamId, turn }) => [streamId, turn])).toEqual([
      ['discipline-reads-p-1', 0],
      ['discipline-reads-p-2', 0],
      ['discipline-reads-p-1', 0],
    ]);
    let settled = 0;
    for (const answer of answers) void answer.then(() => (settled += 1), () => (settled += 1));
    await nextTurn();
    // Nobody is answered before the append that records their read.
    expect(settled).toBe(0);
    asked.forEach(({ streamId, answer }, index) => answer(index === 1 ? new Error('lost connection') : { streamId, nextExpectedVersion: index, positions: [index + 1], alreadyStored: false }));
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value.positions : [])).flat()).toEqual([1, 3]);
  });

  it('given a read asked after the hand-over, then it waits for the next turn of its own', async () => {
    const { store, asked, nextTurn } = notingStore();
    const recorder = readRecorder(store);
    void recorder.record('discipline-reads-p-1', [read('p-1')]);
    await nextTurn();
    void recorder.record('discipline-reads-p-2', [read('p-2')]);
    expect(asked).toHaveLength(1);
    await nextTurn();
    expect(asked.map(({ turn }) => turn)).toEqual([0, 1]);
  });
});
