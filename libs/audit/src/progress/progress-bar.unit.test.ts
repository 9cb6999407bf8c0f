import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressBar } from './progress-bar.ts';

describe('the progress bar of a long audit run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints a line at least once a second on a stream that is not a terminal, with the rate and the time left', () => {
    vi.useFakeTimers();
    const stream = new PassThrough();
    let printed = '';
    stream.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
    });
    const bar = progressBar({ label: 'replay', unit: 'events', stream });
    bar.update(1_000, 10_000);
    const linesAt = (seconds: number) => {
      vi.advanceTimersByTime(seconds * 1000);
      return printed.split('\n').filter((line) => line.startsWith('replay')).length;
    };
    const first = linesAt(1);
    bar.update(4_000, 10_000);
    // Another line within each further second, whether or not the replay reported since.
    expect(linesAt(1)).toBeGreaterThan(first);
    expect(linesAt(1)).toBeGreaterThan(first + 1);
    bar.stop();
    const last = printed.trim().split('\n').at(-1)!;
    expect(last).toMatch(/4000\/10000 \| \d+ events\/s \| ETA \S+/);
  });
});
