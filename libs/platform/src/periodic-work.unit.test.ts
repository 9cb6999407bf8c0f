import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.ts';
import { periodicWork } from './periodic-work.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic work', () => {
  it('runs by hand, then at its interval once started, tries again after a failure, and stops after the run in progress', async () => {
    const runs: string[] = [];
    const errors: unknown[] = [];
    const logger = createLogger({ level: 'error' });
    logger.error = ((details: { err: unknown }) => void errors.push(details.err)) as typeof logger.error;
    let calls = 0;
    const work = periodicWork(
      'test work',
      async () => {
        calls += 1;
        if (calls === 2) throw new Error('a database hiccup');
        await pause(5);
        runs.push(`run ${calls}`);
        return calls;
      },
      logger,
    );
    expect(await work.runOnce()).toBe(1);
    work.start(10);
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(4), { timeout: 2_000, interval: 5 });
    await work.stop();
    const stoppedAt = runs.length;
    await pause(40);
    expect(runs.length).toBe(stoppedAt);
    expect(runs.slice(0, 3)).toEqual(['run 1', 'run 3', 'run 4']);
    expect(errors).toEqual([new Error('a database hiccup')]);
  });
});
