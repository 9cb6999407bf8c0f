import { describe, expect, it } from 'vitest';
import { shownExactNumber } from './rankings.ts';

describe('an exact number as shown', () => {
  it.each([
    ['97', 97],
    ['230/3', 76.67],
    ['171/2', 85.5],
    // 14001/200 = 70.005 exactly: half away from zero gives 70.01, where the float 70.005 (70.00499…) rounds to 70.
    ['14001/200', 70.01],
    ['-14001/200', -70.01],
    ['-1/1000', 0],
  ])('shows %s as %d', (exactScore, shown) => {
    expect(shownExactNumber(exactScore)).toBe(shown);
  });

  it('takes other numbers of decimals', () => {
    expect([shownExactNumber('2/3', 0), shownExactNumber('2/3', 3), shownExactNumber('1/8', 2)]).toEqual([1, 0.667, 0.13]);
  });
});
