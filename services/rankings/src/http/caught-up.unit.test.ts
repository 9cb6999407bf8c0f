import { ProblemError } from '@ledger/platform';
import { describe, expect, it } from 'vitest';
import { waitUntilCaughtUp } from './caught-up.ts';

describe('waiting for a read model to reach the ledger head', () => {
  it('returns once the projection has read up to the position, polling until it has', async () => {
    const reported: number[] = [];
    let position = 7;
    const context = {
      async projectionPosition(name: string) {
        expect(name).toBe('rankings.period-inputs');
        reported.push(position);
        position += 1;
        return position - 1;
      },
    };
    await waitUntilCaughtUp(context, { projectionName: 'rankings.period-inputs', position: 10, timeoutMs: 5_000, pollMs: 1 });
    expect(reported).toEqual([7, 8, 9, 10]);
  });

  it('answers 503, naming how far it got, when the projection does not get there in time', async () => {
    const waiting = waitUntilCaughtUp({ projectionPosition: async () => 3 }, { projectionName: 'rankings.period-inputs', position: 4, timeoutMs: 30, pollMs: 5 });
    await expect(waiting).rejects.toBeInstanceOf(ProblemError);
    await expect(waiting).rejects.toMatchObject({ problem: { status: 503, type: '/problems/read-model-behind', detail: expect.stringContaining('up to 3, not yet 4') } });
  });

  it('answers 503 on a host that cannot tell how far its projections have read', async () => {
    await expect(waitUntilCaughtUp({}, { projectionName: 'rankings.period-inputs', position: 1, timeoutMs: 1_000 })).rejects.toMatchObject({ problem: { status: 503 } });
  });
});
