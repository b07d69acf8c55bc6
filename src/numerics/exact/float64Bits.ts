const view = new DataView(new ArrayBuffer(8));

/** A finite non-zero double as its IEEE 754 fields: |x| = mant·2^exp2 exactly, mant < 2^53. */
export interface Float64Parts {
  readonly neg: boolean;
  readonly mant: bigint;
  readonly exp2: number;
}

/** The sign, integer mantissa and binary exponent of a finite non-zero double (subnormals included). */
export function float64Parts(x: number): Float64Parts {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
  return { neg: hi >>> 31 === 1, mant, exp2 };
}
