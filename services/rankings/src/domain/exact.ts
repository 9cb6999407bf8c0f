/**
 * Exact rational arithmetic for scores. SPEC 6 ranks and applies thresholds on the exact value, and
 * floats are not exact: 0.8 × 86 + 0.1 × 86 + 0.1 × 76 is 85 but 84.99999999999999 in floating point,
 * which would cost a department its `satisfied` grade. Every input (levels, scores, weights, points)
 * is a decimal, so every score is a fraction of two integers; we keep it as one.
 */
export interface Exact {
  /** Numerator; the fraction is always reduced. */
  readonly n: bigint;
  /** Denominator, always positive. */
  readonly d: bigint;
}

const decimalForm = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** The exact value of a number as written in its shortest decimal form (0.1 is 1/10, not the float's binary value). */
export function exact(value: number): Exact {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const match = decimalForm.exec(String(value));
  if (!match) throw new RangeError(`unexpected number form: ${String(value)}`);
  const [, minus, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  let numerator = BigInt(whole! + fraction) * (minus === '-' ? -1n : 1n);
  let denominator = 1n;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator = 10n ** BigInt(-exponent);
  return ratio(numerator, denominator);
}

export function ratio(numerator: bigint | number, denominator: bigint | number): Exact {
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const divisor = gcd(n < 0n ? -n : n, d);
  return { n: n / divisor, d: d / divisor };
}

export const zero: Exact = { n: 0n, d: 1n };

export function add(a: Exact, b: Exact): Exact {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function subtract(a: Exact, b: Exact): Exact {
  return ratio(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function multiply(a: Exact, b: Exact): Exact {
  return ratio(a.n * b.n, a.d * b.d);
}

export function divide(a: Exact, b: Exact): Exact {
  return ratio(a.n * b.d, a.d * b.n);
}

export function sum(values: readonly Exact[]): Exact {
  return values.reduce(add, zero);
}

/** Negative, zero or positive as a < b, a = b, a > b. */
export function compare(a: Exact, b: Exact): number {
  const difference = a.n * b.d - b.n * a.d;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export function sign(a: Exact): -1 | 0 | 1 {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

export function absolute(a: Exact): Exact {
  return a.n < 0n ? { n: -a.n, d: a.d } : a;
}

/** `n` or `n/d`: how events carry an exact value. */
export function toFraction(a: Exact): string {
  return a.d === 1n ? String(a.n) : `${a.n}/${a.d}`;
}

export function parseFraction(text: string): Exact {
  const match = /^(-?\d+)(?:\/(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not an integer or fraction n/d: ${text}`);
  return ratio(BigInt(match[1]!), BigInt(match[2] ?? '1'));
}

const safe = BigInt(Number.MAX_SAFE_INTEGER);

/** The nearest float, for reading; never for ranking or rules. */
export function toNumber(a: Exact): number {
  const magnitude = a.n < 0n ? -a.n : a.n;
  if (magnitude <= safe && a.d <= safe) return Number(a.n) / Number(a.d);
  // Large terms: 30 significant digits of the quotient, then one decimal-to-float conversion.
  const scale = Math.max(0, 30 + String(a.d).length - String(magnitude).length);
  return Number(`${(a.n * 10n ** BigInt(scale)) / a.d}e-${scale}`);
}

/** Rounded half away from zero to `decimals` places, computed on the exact value (1.005 → 1.01). */
export function round(a: Exact, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const magnitude = a.n < 0n ? -a.n : a.n;
  const scaled = magnitude * scale;
  let quotient = scaled / a.d;
  if ((scaled % a.d) * 2n >= a.d) quotient += 1n;
  const rounded = Number(quotient) / Number(scale);
  return a.n < 0n && rounded !== 0 ? -rounded : rounded;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
