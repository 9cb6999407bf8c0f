// What a section of `npm run bench` is and what it may use. A section is one file in scripts/bench/sections/ whose
// default export is a BenchSection: the runner finds it there, runs it with the others and puts its rows in the
// one table it prints. Sections measure a rate beside the ceiling it is bounded by (a baseline measured in the same
// run, on the same machine), so the ratio means something on any machine; they print, never assert.

/** One line of the table: a rate, the baseline it is compared with, and the least ratio the project aims for. */
export interface BenchRow {
  what: string;
  rate: number;
  /** What the rate counts, per second: "events/s", "req/s". */
  unit: string;
  baseline?: { what: string; rate: number };
  /** The ratio rate / baseline the project aims for (shown as "≥ goal"; the runner marks a row below it). */
  goal?: number;
}

interface BenchFlags {
  /** How long each timed measurement runs. */
  seconds: number;
  /** How many times each measurement runs, alternating with its baseline; the median counts. */
  rounds: number;
  /** The PostgreSQL server to measure on (a fresh database is made per request and dropped); none: PostgreSQL rows are skipped. */
  postgresUrl?: string;
  progress: boolean;
}

/** One thing to measure: `concurrency` loops each calling `step` until the time is up; `step` answers the units it did. */
export interface Measured {
  label: string;
  /** What `step` counts, plural ("events", "requests"), shown with the rate while it runs. */
  unit: string;
  concurrency: number;
  /** Called once before each timed run (fresh streams, connections); not timed. */
  prepare?: () => Promise<void>;
  /** Called once after each timed run (let background work finish, read a server's CPU time); not timed. */
  finish?: () => Promise<void>;
  step: (worker: number) => Promise<number>;
}

export interface BenchContext {
  flags: BenchFlags;
  /** A fresh database on the PostgreSQL server, dropped when the run ends; undefined when no server was given. */
  postgresDatabase(): Promise<string | undefined>;
  /**
   * Runs every measurement `flags.rounds` times, one after the other in turn (so that a noisy neighbour slows
   * all of them alike), each for `flags.seconds`, with progress, and answers the median rate of each by key.
   */
  measureAlternating<Key extends string>(measured: Record<Key, Measured>): Promise<Record<Key, number>>;
  /** A line printed under the table (what was skipped, what a number means). */
  note(text: string): void;
  /** Releases `resource` when the run ends (pools, embedded databases). */
  defer(release: () => Promise<void>): void;
}

export interface BenchSection {
  /** Short name for `--only`: "store", "http", "replay". */
  name: string;
  title: string;
  /** Where the section goes in the run and the table (lower first). */
  order: number;
  run(context: BenchContext): Promise<BenchRow[]>;
}
