import { HP } from './decimal.js';

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
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return new Rational(n / g, d / g);
  }

  /** The exact value of a finite float64 (x = m·2^e). */
  static fromDouble(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`Rational.fromDouble: ${x} is not finite`);
    if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER)
      return Rational.of(BigInt(x));
    // x = m·2^−e exactly
    const { m, e } = doubleToDyadic(x);
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
    return this.num < 0n ? this.neg() : this;
  }
  /** −1, 0 or 1. */
  sign(): number {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  cmp(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
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

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** A dense row-major matrix of rationals. */
export interface RationalMat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Rational[];
}

/** The exact rational matrix of nested float64 rows. */
export function rationalFromRows(rows: readonly (readonly number[])[]): RationalMat {
  const cols = rows[0]?.length ?? 0;
  return {
    rows: rows.length,
    cols,
    data: rows.flatMap((r) => r.map((x) => Rational.fromDouble(x))),
  };
}

/** a·b exactly. */
export function rationalMatmul(a: RationalMat, b: RationalMat): RationalMat {
  if (a.cols !== b.rows) throw new RangeError('rationalMatmul: shapes');
  const data: Rational[] = [];
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let acc = Rational.ZERO;
      for (let k = 0; k < a.cols; k++)
        acc = acc.add(a.data[i * a.cols + k].mul(b.data[k * b.cols + j]));
      data.push(acc);
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

/** a·x exactly. */
export function rationalMatvec(a: RationalMat, x: readonly Rational[]): Rational[] {
  const out: Rational[] = [];
  for (let i = 0; i < a.rows; i++) {
    let acc = Rational.ZERO;
    for (let k = 0; k < a.cols; k++) acc = acc.add(a.data[i * a.cols + k].mul(x[k]));
    out.push(acc);
  }
  return out;
}

/** The n×n identity. */
export function rationalIdentity(n: number): RationalMat {
  const data: Rational[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) data.push(i === j ? Rational.ONE : Rational.ZERO);
  return { rows: n, cols: n, data };
}

/**
 * Coefficients c_0 … c_n of det(λI − A) = Σ c_k λ^k (c_n = 1), exactly, by the Faddeev–LeVerrier
 * recursion: M_0 = 0, c_n = 1; M_k = A·M_{k−1} + c_{n−k+1} I, c_{n−k} = −tr(A·M_k)/k.
 */
export function characteristicPolynomial(a: RationalMat): Rational[] {
  const n = a.rows;
  const c: Rational[] = new Array(n + 1).fill(Rational.ZERO);
  c[n] = Rational.ONE;
  let M: RationalMat = { rows: n, cols: n, data: new Array(n * n).fill(Rational.ZERO) };
  for (let k = 1; k <= n; k++) {
    const AM = rationalMatmul(a, M);
    M = {
      rows: n,
      cols: n,
      data: AM.data.map((x, q) => (q % (n + 1) === 0 ? x.add(c[n - k + 1]) : x)),
    };
    const AMk = rationalMatmul(a, M);
    let tr = Rational.ZERO;
    for (let i = 0; i < n; i++) tr = tr.add(AMk.data[i * n + i]);
    c[n - k] = tr.neg().div(Rational.of(k));
  }
  return c;
}

/** a⁻¹ exactly (Gauss–Jordan), or undefined when a is singular. */
export function rationalInverse(a: RationalMat): RationalMat | undefined {
  const n = a.rows;
  const w = 2 * n;
  const r: Rational[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) r.push(a.data[i * n + j]);
    for (let j = 0; j < n; j++) r.push(i === j ? Rational.ONE : Rational.ZERO);
  }
  for (let col = 0; col < n; col++) {
    let p = col;
    while (p < n && r[p * w + col].isZero()) p++;
    if (p === n) return undefined;
    for (let j = 0; j < w; j++) [r[col * w + j], r[p * w + j]] = [r[p * w + j], r[col * w + j]];
    const piv = r[col * w + col];
    for (let j = 0; j < w; j++) r[col * w + j] = r[col * w + j].div(piv);
    for (let i = 0; i < n; i++) {
      if (i === col || r[i * w + col].isZero()) continue;
      const f = r[i * w + col];
      for (let j = 0; j < w; j++) r[i * w + j] = r[i * w + j].sub(f.mul(r[col * w + j]));
    }
  }
  const data: Rational[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data.push(r[i * w + n + j]);
  return { rows: n, cols: n, data };
}

const view = new DataView(new ArrayBuffer(8));

/** x = m·2^−e exactly, with m odd (or m = 0, e = 0). */
export function doubleToDyadic(x: number): { m: bigint; e: number } {
  if (!Number.isFinite(x)) throw new RangeError(`doubleToDyadic: ${x} is not finite`);
  if (x === 0) return { m: 0n, e: 0 };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
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
