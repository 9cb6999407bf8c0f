import type { Exact } from './exact.ts';
import { exact, parseFraction, round } from './exact.ts';

/**
 * A score as shown: 2 decimals, half away from zero, from the exact value. Accepts the exact value,
 * its `n/d` form from an event (`exactScore`), or a plain number (taken as the decimal it prints as).
 * Only for display: ranks, grades and accountability use the exact value.
 */
export function displayScore(value: Exact | string | number): number {
  const exactValue = typeof value === 'string' ? parseFraction(value) : typeof value === 'number' ? exact(value) : value;
  return round(exactValue, 2);
}
