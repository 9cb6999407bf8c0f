import type { Logger } from 'pino';
import type { CheckpointStore } from '../port.ts';

/** A consumer's progress as the bus knows it: handled through `position`, saved through `saved`. */
export interface Progress {
  readonly name: string;
  readonly position: number;
  saved: number;
}

/**
 * Checkpoints that move over events a consumer does not handle: no write for each such event. A consumer's
 * position is saved a while after it caught up (every consumer due in one statement), at once when it passed
 * over many events since its last save, and when it stops. Losing one in a crash costs only re-reading events
 * the consumer passes over again.
 */
export class LazyCheckpoints {
  private readonly checkpoints: CheckpointStore;
  private readonly logger: Logger;
  private readonly delayMs: number;
  private readonly due = new Set<Progress>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: { checkpoints: CheckpointStore; logger: Logger; delayMs: number }) {
    this.checkpoints = options.checkpoints;
    this.logger = options.logger;
    this.delayMs = options.delayMs;
  }

  /** The consumer has moved past what is saved: save it soon (`now`: on the next turn), with every other due. */
  mark(progress: Progress, now: boolean): void {
    if (this.closed || progress.position <= progress.saved) return;
    this.due.add(progress);
    if (now) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), 0);
    } else {
      this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    }
    this.timer.unref?.();
  }

  /** Saves every due position now, in one statement where the store can. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.flushing.then(() => this.saveDue());
    this.flushing = next.catch(() => {});
    return next;
  }

  /** Saves one consumer's position now (it stops), whatever else is due. */
  async saveNow(progress: Progress): Promise<void> {
    this.due.delete(progress);
    const position = progress.position;
    if (position <= progress.saved) return;
    await this.checkpoints.save(progress.name, position);
    progress.saved = Math.max(progress.saved, position);
  }

  async close(): Promise<void> {
    await this.flush().catch(() => {});
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async saveDue(): Promise<void> {
    const entries = [...this.due].filter((progress) => progress.position > progress.saved).map((progress) => ({ progress, position: progress.position }));
    this.due.clear();
    if (entries.length === 0) return;
    try {
      const positions = entries.map(({ progress, position }) => ({ name: progress.name, position }));
      if (this.checkpoints.saveMany) await this.checkpoints.saveMany(positions);
      else for (const { name, position } of positions) await this.checkpoints.save(name, position);
      for (const { progress, position } of entries) progress.saved = Math.max(progress.saved, position);
    } catch (error) {
      // Kept due, and tried again later: a lost lazy save only means re-reading passed-over events.
      this.logger.warn({ err: error }, 'could not save checkpoints; trying again');
      for (const { progress } of entries) this.mark(progress, false);
    }
  }
}
