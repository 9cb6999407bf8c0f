import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Which kinds of test file start first: a host over HTTP takes the longest, a pure test the shortest. */
const startOrder = ['e2e', 'int', 'unit'] as const;

/**
 * One `vitest run` of every kind, two files at a time: the long end-to-end files start first and the short unit
 * files fill the gaps at the end, so the run does not end with one long file on one core while the other idles.
 * Within a kind, vitest's own order (files that failed last, then the slowest it remembers, then the largest).
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = startOrder.indexOf(file.project.name as (typeof startOrder)[number]);
      return index === -1 ? startOrder.length : index;
    };
    return sorted.toSorted((a, b) => rank(a) - rank(b));
  }
}
