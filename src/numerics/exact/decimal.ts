import { Decimal } from 'decimal.js';
import { float64Parts } from './float64Bits.js';

/** Significant digits of every high-precision computation in the suite. */
export const HP_DIGITS = 60;

/** A decimal.js constructor fixed at HP_DIGITS significant digits, independent of the global one. */
export const HP = Decimal.clone({
  precision: HP_DIGITS,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 30,
});

/** A high-precision number. */
export type HPNumber = InstanceType<typeof HP>;

/**
 * The exact value of a float64 as a decimal. `new Decimal(0.9)` would give "0.9", not the double
 * 0.90000000000000002220…; we split x = m · 2^e with an integer m and build m·5^(−e)·10^e from
 * BigInts, which decimal.js stores without rounding.
 */
export function toHP(x: number): HPNumber {
  if (!Number.isFinite(x)) throw new RangeError(`toHP: ${x} is not finite`);
  // Stryker disable next-line ConditionalExpression: a shortcut; ±0 through the general path is ±0·5^1074·10^−1074 = ±0
  if (x === 0) return new HP(Object.is(x, -0) ? '-0' : '0');
  const { neg, mant, exp2: e } = float64Parts(x);
  const sign = neg ? '-' : '';
  // Stryker disable next-line EqualityOperator: at e = 0 both paths give mant
  if (e >= 0) return new HP(`${sign}${(mant << BigInt(e)).toString()}`);
  const digits = (mant * 5n ** BigInt(-e)).toString();
  return new HP(`${sign}${digits}e${e}`);
}

/** Significant digits a 60-digit value is shown and stored with (counterexample files, certificates). */
export const SHOWN_DIGITS = 25;

/** A 60-digit value as the decimal string that is shown and stored: SHOWN_DIGITS significant digits. */
export function hpShow(x: HPNumber): string {
  return x.toSignificantDigits(SHOWN_DIGITS).toString();
}
