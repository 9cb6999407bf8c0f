import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayScore } from './display.ts';
import { add, compare, divide, exact, multiply, parseFraction, ratio, round, subtract, toFraction, toNumber } from './exact.ts';

describe('exact arithmetic', () => {
  it('reads a number as the decimal it prints as, not its binary value', () => {
    expect(toFraction(exact(0.1))).toBe('1/10');
    expect(toFraction(exact(-77.5))).toBe('-155/2');
    expect(toFraction(exact(1e-7))).toBe('1/10000000');
    expect(toFraction(exact(1.5e21))).toBe('1500000000000000000000');
  });

  it('adds 0.1 and 0.2 to exactly 0.3, where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(compare(add(exact(0.1), exact(0.2)), exact(0.3))).toBe(0);
  });

  it('keeps a non-terminating value exact: 100/3 × 3 = 100', () => {
    expect(toFraction(multiply(ratio(100, 3), exact(3)))).toBe('100');
    expect(toFraction(divide(subtract(exact(63), exact(60)), exact(60)))).toBe('1/20');
  });

  it('round-trips every finite double through its exact value', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), (value) => {
        expect(toNumber(exact(value))).toBe(value === 0 ? 0 : value);
        expect(compare(parseFraction(toFraction(exact(value))), exact(value))).toBe(0);
      }),
    );
  });

  it('rounds half away from zero on the exact value', () => {
    // 1.005 is stored as 1.00499999999999989…; as the decimal it prints as, it is a half and rounds up.
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(round(exact(1.005), 2)).toBe(1.01);
    expect(round(exact(-2.345), 2)).toBe(-2.35);
    expect(round(ratio(710, 9), 2)).toBe(78.89);
    expect(round(exact(-0.001), 2)).toBe(0);
  });
});

describe('displayScore', () => {
  it('shows 2 decimals from an exact value, its n/d form or a number', () => {
    expect(displayScore(ratio(710, 9))).toBe(78.89);
    expect(displayScore('710/9')).toBe(78.89);
    expect(displayScore(84.996)).toBe(85);
    expect(displayScore('-3/8')).toBe(-0.38);
  });
});
