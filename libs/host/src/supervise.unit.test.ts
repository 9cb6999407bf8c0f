import type { Bus, Consumer, ConsumerHandle } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { describe, expect, it } from 'vitest';
import { superviseConsumers } from './supervise.ts';

const logger = createLogger({ level: 'silent' });
const consumer: Consumer = { name: 'discipline.person-history', services: ['discipline'], handle: async () => {} };

/** A handle whose run ends when the test says: with an error (a crash) or cleanly (a stop). */
function controllableHandle() {
  let crash: (error: Error) => void = () => {};
  const done = new Promise<void>((_, reject) => (crash = reject));
  done.catch(() => {});
  const handle: ConsumerHandle = { done, stop: async () => {} };
  return { handle, crash };
}

/** A bus that records each start and hands out handles the test controls; the first `refusals` starts fail. */
function recordingBus(refusals = 0) {
  const handles: Array<ReturnType<typeof controllableHandle>> = [];
  let refused = 0;
  let started: () => void = () => {};
  const bus: Bus = {
    async start() {
      if (refused < refusals) {
        refused += 1;
        throw new Error('the broker is away');
      }
      const next = controllableHandle();
      handles.push(next);
      started();
      return next.handle;
    },
    close: async () => {},
  };
  const nextStart = () => new Promise<void>((resolve) => (started = resolve));
  return { bus, handles, nextStart, refusedCount: () => refused };
}

describe('supervising consumers', () => {
  it('starts a consumer that stopped on an error again, and again after its successor stops too', async () => {
    const { bus, handles, nextStart } = recordingBus();
    const first = controllableHandle();
    superviseConsumers([{ consumer, handle: first.handle }], { bus, logger, stopping: () => false, initialDelayMs: 1 });
    let restart = nextStart();
    first.crash(new Error('Failed to find group coordinator'));
    await restart;
    expect(handles).toHaveLength(1);
    restart = nextStart();
    handles[0]!.crash(new Error('Failed to find group coordinator'));
    await restart;
    expect(handles).toHaveLength(2);
  });

  it('keeps trying while the bus cannot start it', async () => {
    const { bus, handles, nextStart, refusedCount } = recordingBus(2);
    const first = controllableHandle();
    superviseConsumers([{ consumer, handle: first.handle }], { bus, logger, stopping: () => false, initialDelayMs: 1 });
    const restart = nextStart();
    first.crash(new Error('connection lost'));
    await restart;
    expect(refusedCount()).toBe(2);
    expect(handles).toHaveLength(1);
  });

  it('does not start a consumer again once the process is stopping', async () => {
    const { bus, handles } = recordingBus();
    const first = controllableHandle();
    superviseConsumers([{ consumer, handle: first.handle }], { bus, logger, stopping: () => true, initialDelayMs: 1 });
    first.crash(new Error('disconnected while stopping'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handles).toHaveLength(0);
  });
});
