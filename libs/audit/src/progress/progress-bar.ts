import cliProgress from 'cli-progress';

/** Progress of a long audit run (replay, indexing, verification) on a terminal: a bar with a rate. */
export interface ProgressBar {
  /** `done` of `total` units; `count` is what the rate is measured in (events, leaves), when it differs from `done`. */
  update(done: number, total: number, count?: number): void;
  stop(): void;
}

export interface ProgressBarOptions {
  /** What is counted, plural: "events", "leaves". */
  unit: string;
  label: string;
  /** Where the bar goes (default stderr); on a stream that is not a terminal it prints a line every few seconds. */
  stream?: NodeJS.WritableStream;
}

/** A cli-progress bar showing percentage, done/total, units per second since it started and the time left. */
export function progressBar(options: ProgressBarOptions): ProgressBar {
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label} [{bar}] {percentage}% | {value}/{total} | {rate} ${options.unit}/s | ETA {eta_formatted} | {duration_formatted}`,
      stream: options.stream ?? process.stderr,
      noTTYOutput: true,
      // At least once a second, with rate and ETA, on a terminal or not (issue 9.3).
      notTTYSchedule: 1_000,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let begun = false;
  return {
    update(done, total, count = done) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(count / seconds) : 0;
      if (!begun) {
        bar.start(Math.max(total, 1), done, { rate });
        begun = true;
      }
      bar.setTotal(Math.max(total, done, 1));
      bar.update(done, { rate });
    },
    stop() {
      if (begun) bar.stop();
      begun = false;
    },
  };
}
