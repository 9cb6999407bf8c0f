import { describe, expect, it } from 'vitest';
import { displayedScore } from './ranking-entry.ts';

describe('a published score as the accountability view shows it', () => {
  it.each([
    ['97', 97],
    ['230/3', 76.67],
    ['171/2', 85.5],
    // 14001/200 = 70.005 exactly: half away from zero gives 70.01, where the float 70.005 (70.00499…) rounds to 70.
    ['14001/200', 70.01],
    ['-14001/200', -70.01],
    ['-1/1000', 0],
  ])('shows %s as %d', (exactScore, shown) => {
    expect(displayedScore(exactScore)).toBe(shown);
  });
});
