import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Which kinds of test file start first: a host over HTTP takes the longest, a pure test the shortest. */
const startOrder = ['e2e', 'int', 'unit'] as const;

/**
 * Files known to take minutes, started before all others. A clean clone has no timings from an earlier run, and
 * vitest would order them by size: the distributed test (six processes and a Kafka broker of its own, the longest of
 * all) is not a large file, and started last it would run alone at the end of the run.
 */
const knownLongest = [/\/distributed\.e2e\.test\.ts$/, /\/apps\/console\/e2e\//, /\/discipline\.e2e\.test\.ts$/, /\/audit-replay\.e2e\.test\.ts$/];

/**
 * One `vitest run` of every kind, two files at a time: the long end-to-end files start first and the short unit
 * files fill the gaps at the end, so the run does not end with one long file on one core while the other idles.
 * Within a kind, vitest's own order (files that failed last, then the slowest it remembers, then the largest).
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const known = knownLongest.findIndex((pattern) => pattern.test(file.moduleId));
      if (known !== -1) return known;
      const kind = startOrder.indexOf(file.project.name as (typeof startOrder)[number]);
      return knownLongest.length + (kind === -1 ? startOrder.length : kind);
    };
    return sorted.toSorted((a, b) => rank(a) - rank(b));
  }
}
