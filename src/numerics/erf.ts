/**
 * The error function in float64 (JavaScript has no Math.erf), within about one ulp:
 * - |x| < 3: the Maclaurin series erf(x) = (2/√π) Σ_{k≥0} (−1)^k x^{2k+1}/(k!(2k+1)) summed in
 *   double-double arithmetic (≈ 106 bits). Its terms grow to about e^{x²} ≤ e^9 ≈ 2^13 before they
 *   shrink, so the cancellation costs at most 13 of the 106 bits, and 1 − erf(x) for erfc keeps
 *   full relative accuracy while erfc(x) ≥ erfc(3) ≈ 2^−15.
 * - x ≥ 3, for erfc: Laplace's continued fraction erfc(x) = (e^{−x²}/√π)/(x + (1/2)/(x + 1/(x + …)))
 *   (partial numerators k/2), evaluated backwards from a fixed depth, where each step contracts
 *   the error of the previous one; e^{−x²} from the exact split x² = p + e (Dekker).
 */

/** A double-double: the unevaluated sum hi + lo with |lo| ≤ ulp(hi)/2. */
type DD = readonly [number, number];

/** Veltkamp's splitting constant 2^27 + 1: a·SPLIT − (a·SPLIT − a) keeps the high 26 bits of a. */
const SPLIT = 134217729;

/** 2/√π as a double-double (hi the nearest double, lo = 2/√π − hi to 17 digits). */
const TWO_OVER_SQRT_PI: DD = [1.1283791670955126, 1.533545961316588e-17];
/** 1/√π rounded to the nearest double. */
const ONE_OVER_SQRT_PI = 0.5641895835477563;
/** erf and erfc use the double-double series below this |x|. */
const SERIES_LIMIT = 3;
/** Beyond this x, erfc(x) < 2^−1075 underflows to 0. */
const ERFC_UNDERFLOW = 27.3;

/**
 * erf(x) for |x| < SERIES_LIMIT as a double-double. The arithmetic is written out in scalars
 * (Knuth's TwoSum, Dekker's TwoProduct with Veltkamp's split, division by an integer with its exact
 * remainder): tuples would allocate in the innermost loop of every GELU evaluation.
 */
function erfDD(x: number): DD {
  // x² = x2h + x2l exactly
  let c = SPLIT * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const x2h = x * x;
  const x2l = xh * xh - x2h + 2 * xh * xl + xl * xl;
  const x2hH = SPLIT * x2h - (SPLIT * x2h - x2h);
  const x2hL = x2h - x2hH;
  // power = (−1)^k x^{2k+1}/k! as ph + pl; sum as sh + sl
  let ph = x;
  let pl = 0;
  let sh = x;
  let sl = 0;
  for (let k = 1; k < 120; k++) {
    // (ph + pl)·(x2h + x2l), exact high product by TwoProduct
    const m = ph * x2h;
    c = SPLIT * ph;
    const phH = c - (c - ph);
    const phL = ph - phH;
    const me = phH * x2hH - m + phH * x2hL + phL * x2hH + phL * x2hL + (ph * x2l + pl * x2h);
    let mh = m + me;
    let ml = me - (mh - m);
    // divide by −k
    ({ h: mh, l: ml } = divInt(mh, ml, -k));
    ph = mh;
    pl = ml;
    // term = power/(2k+1), then sum += term (TwoSum and renormalisation)
    const { h: th, l: tl } = divInt(ph, pl, 2 * k + 1);
    const s = sh + th;
    const bb = s - sh;
    const e = sh - (s - bb) + (th - bb) + sl + tl;
    sh = s + e;
    sl = e - (sh - s);
    if (Math.abs(th) < 1e-24 * Math.abs(sh)) break;
  }
  // × 2/√π
  const [ch, cl] = TWO_OVER_SQRT_PI;
  const m = sh * ch;
  c = SPLIT * sh;
  const shH = c - (c - sh);
  const shL = sh - shH;
  const chH = SPLIT * ch - (SPLIT * ch - ch);
  const chL = ch - chH;
  const me = shH * chH - m + shH * chL + shL * chH + shL * chL + (sh * cl + sl * ch);
  const h = m + me;
  return [h, me - (h - m)];
}

/** Scratch result of divInt (one object reused: no allocation per call). */
const quotient = { h: 0, l: 0 };

/** (h + l)/k for a nonzero integer |k| < 2^26, to about 2^−104 relative: q = h/k, then the exact remainder h − q·k. */
function divInt(h: number, l: number, k: number): { h: number; l: number } {
  const q = h / k;
  const c = SPLIT * q;
  const qH = c - (c - q);
  const qL = q - qH;
  // q·k = p + e exactly (k has at most 26 bits, so it needs no split)
  const p = q * k;
  const e = qH * k - p + qL * k;
  const r = (h - p - e + l) / k;
  const s = q + r;
  quotient.h = s;
  quotient.l = r - (s - q);
  return quotient;
}

/** e^{−a²} with a² = p + e exactly, so e^{−a²} = e^{−p}(1 − e + O(e²)). */
function expMinusSquare(a: number): number {
  const p = a * a;
  const c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  const e = ah * ah - p + 2 * ah * al + al * al;
  const ep = Math.exp(-p);
  return ep - ep * e;
}

/** erfc(a) for SERIES_LIMIT ≤ a ≤ ERFC_UNDERFLOW by the continued fraction from depth 200/a² + 20. */
function erfcFraction(a: number): number {
  // The forward (Lentz) evaluation converges at depth ≈ 180/a² + 12 to 1e-17; this depth is beyond it.
  const depth = Math.ceil(200 / (a * a)) + 20;
  let t = 0;
  for (let k = depth; k >= 1; k--) t = k / 2 / (a + t);
  return (ONE_OVER_SQRT_PI * expMinusSquare(a)) / (a + t);
}

/** erf(x) = (2/√π)∫₀ˣ e^{−t²} dt in float64, within about one ulp. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === 0) return x;
  if (Math.abs(x) < SERIES_LIMIT) return erfDD(x)[0];
  const v = 1 - erfcFraction(Math.min(Math.abs(x), ERFC_UNDERFLOW));
  return x < 0 ? -v : v;
}

/** erfc(x) = 1 − erf(x) in float64, within about one ulp relative to erfc(x) itself (no cancellation). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= -SERIES_LIMIT) return 2 - erfcFraction(Math.min(-x, ERFC_UNDERFLOW));
  if (x < SERIES_LIMIT) {
    const [eh, el] = erfDD(x);
    // 1 − eh exactly as s + err (TwoSum), then the low parts
    const s = 1 - eh;
    const bb = s - 1;
    const err = 1 - (s - bb) + (-eh - bb);
    return s + (err - el);
  }
  if (x > ERFC_UNDERFLOW) return 0;
  return erfcFraction(x);
}
