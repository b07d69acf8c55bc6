import { HP, type HPNumber } from './decimal.js';
import { float64Parts } from './float64Bits.js';

/**
 * Exact rational numbers p/q over BigInt, for certificates that must hold exactly: a fixed point
 * reached exactly, a nilpotent product, a characteristic polynomial. Every float64 is a dyadic
 * rational, so case data converts without loss.
 */
export class Rational {
  /** Numerator; the sign lives here. */
  readonly num: bigint;
  /** Denominator, always positive and coprime with num. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** p/q in lowest terms (q ≠ 0). */
  static of(p: bigint | number, q: bigint | number = 1n): Rational {
    let n = BigInt(p);
    let d = BigInt(q);
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    // Stryker disable next-line EqualityOperator: d = 0 was refused on the line above
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return new Rational(n / g, d / g);
  }

  /** The exact value of a finite float64 (x = m·2^e). */
  static fromDouble(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromDouble: ${x} is not finite`);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; BigInt(x) and the dyadic path below are both exact for every integer double
    if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER)
      return Rational.of(BigInt(x));
    // x = m·2^−e exactly
    const { m, e } = doubleToDyadic(x);
    // Stryker disable next-line EqualityOperator: at e = 0 both branches give m
    return e <= 0 ? Rational.of(m << BigInt(-e)) : Rational.of(m, 1n << BigInt(e));
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return Rational.of(-this.num, this.den);
  }
  abs(): Rational {
    // Stryker disable next-line EqualityOperator: −0 = 0
    return this.num < 0n ? this.neg() : this;
  }
  /** −1, 0 or 1. */
  sign(): number {
    // Stryker disable next-line EqualityOperator: num = 0 returned first
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  cmp(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
    // Stryker disable next-line EqualityOperator: d = 0 returned first
    return d === 0n ? 0 : d < 0n ? -1 : 1;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  /** The nearest float64 (for display). */
  toNumber(): number {
    // Through 60-digit decimals: Number(num)/Number(den) overflows for huge subnormal denominators.
    return new HP(this.num.toString()).div(new HP(this.den.toString())).toNumber();
  }
  /** "p/q" or "p". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** |x| for a BigInt. */
export function absBig(x: bigint): bigint {
  // Stryker disable next-line EqualityOperator: −0n = 0n
  return x < 0n ? -x : x;
}

/** The greatest common divisor of |a| and |b| by Euclid's algorithm (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The least common multiple of positive BigInts (1 for none). */
export function lcm(xs: Iterable<bigint>): bigint {
  let l = 1n;
  for (const x of xs) l = (l / gcd(l, x)) * x;
  return l;
}

/** The exact value p/q of a rational at 60 digits. */
export function rationalToHP(x: Rational): HPNumber {
  return new HP(x.num.toString()).div(new HP(x.den.toString()));
}

/** x = m·2^−e exactly, with m odd (or m = 0, e = 0). */
export function doubleToDyadic(x: number): { m: bigint; e: number } {
  if (!Number.isFinite(x)) throw new RangeError(`doubleToDyadic: ${x} is not finite`);
  if (x === 0) return { m: 0n, e: 0 };
  let { neg, mant, exp2 } = float64Parts(x);
  // x = mant·2^exp2; strip the factors of two so that the exponent is as small as possible
  const tz = trailingZeros(mant);
  mant >>= BigInt(tz);
  exp2 += tz;
  // 0 − exp2, not −exp2: an integer value must not carry the exponent −0
  return { m: neg ? -mant : mant, e: 0 - exp2 };
}

/** The number of trailing zero bits of a non-zero BigInt (0 for 0). */
export function trailingZeros(x: bigint): number {
  if (x === 0n) return 0;
  let n = 0;
  // 32 bits at a time, then Math.clz32 on the lowest non-zero word (no string conversion)
  while ((x & 0xffffffffn) === 0n) {
    x >>= 32n;
    n += 32;
  }
  const low = Number(x & 0xffffffffn);
  return n + 31 - Math.clz32(low & -low);
}
