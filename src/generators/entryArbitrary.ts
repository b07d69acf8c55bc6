import fc from 'fast-check';

/** The kinds of scalar an entry is drawn from, in the order of their simplicity. */
export const ENTRY_KINDS = ['integer', 'dyadic', 'double'] as const;

/** One of ENTRY_KINDS. */
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Options of entryArbitrary. */
export interface EntryConstraints {
  /**
   * Positive factor every entry is multiplied by: entries lie in [−3·scale, 3·scale].
   * A power of two keeps integer and dyadic entries exact dyadics.
   * @defaultValue 1
   */
  scale?: number;
  /**
   * The kinds to draw from (weights 3 : 3 : 2 for integer : dyadic : double):
   * 'integer' is k ∈ {−3, …, 3}, 'dyadic' is k/8 for k ∈ {−24, …, 24}, 'double' is a general
   * double uniform in [−3, 3]; each times scale. Shrinking may turn any kind into a simpler one.
   * @defaultValue ENTRY_KINDS (all three)
   */
  kinds?: readonly EntryKind[];
}

/** Largest |entry| before scaling. */
const BOUND = 3;

/** Denominator of the dyadic kind. */
const DYADIC_DENOMINATOR = 8;

/** Drawing weights: exact values are preferred, general doubles keep rounding honest. */
const KIND_WEIGHT: Record<EntryKind, number> = { integer: 3, dyadic: 3, double: 2 };

const TWO_POW_27 = 2 ** 27;
const TWO_POW_30 = 2 ** 30;
const TWO_POW_53 = 2 ** 53;

/**
 * The dyadic exponent of a finite v: the least e ≥ 0 with v·2^e an integer. Every finite double
 * is a dyadic rational, so this ends (e ≤ 1074); multiplying by 2 is exact for |v| ≤ 3.
 */
function dyadicExponent(v: number): number {
  let e = 0;
  while (!Number.isInteger(v)) {
    v *= 2;
    e++;
  }
  return e;
}

/**
 * The shrink candidates of a base value x ≠ 0 (before scaling), simplest first. Simplicity is the
 * rank (e, |x|·2^e) of x = ±N/2^e in lexicographic order, so 0 < 1 < 2 < 3 < 1/2 < 3/2 < … < k/8
 * < general doubles. Every candidate has a strictly smaller rank than x and the same sign, so
 * shrinking ends; candidates are 0, then x rounded down and up to each coarser grid 2^−j (j < e),
 * then ±m/2^e for 0 < m < N approaching N by halving the gap (fast-check's integer order).
 */
function* simplerThan(x: number): Generator<number> {
  if (x === 0) return;
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const e = dyadicExponent(a);
  const seen = new Set<number>([0]);
  yield 0;
  for (let j = 0; j < e; j++) {
    const unit = 2 ** j;
    for (const c of [Math.floor(a * unit) / unit, Math.ceil(a * unit) / unit]) {
      if (!seen.has(c)) {
        seen.add(c);
        yield sign * c;
      }
    }
  }
  const numerator = a * 2 ** e;
  const unit = 2 ** -e;
  for (let gap = Math.floor(numerator / 2); gap > 0; gap = Math.floor(gap / 2)) {
    const c = (numerator - gap) * unit;
    if (!seen.has(c)) {
      seen.add(c);
      yield sign * c;
    }
  }
}

/** The arbitrary behind entryArbitrary; the context of a value is its base (unscaled) value. */
class EntryArbitrary extends fc.Arbitrary<number> {
  private readonly cumulated: number[];
  private readonly totalWeight: number;

  constructor(
    private readonly scale: number,
    private readonly kinds: readonly EntryKind[],
  ) {
    super();
    let total = 0;
    this.cumulated = kinds.map((k) => {
      total += KIND_WEIGHT[k];
      return total;
    });
    this.totalWeight = total;
  }

  private toValue(base: number): fc.Value<number> {
    // base·scale with −0 turned into 0, so that a case survives a JSON round trip unchanged.
    return new fc.Value(base * this.scale + 0, base);
  }

  generate(mrng: fc.Random): fc.Value<number> {
    // One 30-bit draw picks the kind (r mod w) and, for the exact kinds, the value (from ⌊r/w⌋,
    // at least 2^27 equally likely values, so reducing it mod 7 or mod 49 is biased by < 4·10⁻⁷).
    const r = mrng.nextInt(0, TWO_POW_30 - 1);
    const pick = r % this.totalWeight;
    const rest = Math.floor(r / this.totalWeight);
    let i = 0;
    while (pick >= this.cumulated[i]) i++;
    switch (this.kinds[i]) {
      case 'integer':
        return this.toValue((rest % (2 * BOUND + 1)) - BOUND);
      case 'dyadic': {
        const k = BOUND * DYADIC_DENOMINATOR;
        return this.toValue(((rest % (2 * k + 1)) - k) / DYADIC_DENOMINATOR);
      }
      case 'double': {
        // u = bits/2^53 is uniform on [0, 1) with 53 random bits; (2u − 1)·3 is uniform on [−3, 3).
        const bits = mrng.nextInt(0, 2 ** 26 - 1) * TWO_POW_27 + mrng.nextInt(0, TWO_POW_27 - 1);
        return this.toValue(((2 * bits - TWO_POW_53) / TWO_POW_53) * BOUND);
      }
    }
  }

  canShrinkWithoutContext(value: unknown): value is number {
    return (
      typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= BOUND * this.scale
    );
  }

  shrink(value: number, context: unknown): fc.Stream<fc.Value<number>> {
    const base = typeof context === 'number' ? context : value / this.scale;
    return new fc.Stream(simplerThan(base)).map((b) => this.toValue(b));
  }
}

// Shrinking goes to the simplest value that still fails: 0, then ±1, ±2, ±3, halves, quarters, ….
/** A scalar entry in [−3·scale, 3·scale]: small integers, dyadics k/8 or general doubles. */
export function entryArbitrary(constraints: EntryConstraints = {}): fc.Arbitrary<number> {
  const scale = constraints.scale ?? 1;
  const kinds = constraints.kinds ?? ENTRY_KINDS;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new RangeError(`entryArbitrary: scale must be a positive finite number, got ${scale}`);
  }
  if (kinds.length === 0) throw new RangeError('entryArbitrary: kinds must not be empty');
  for (const k of kinds) {
    if (!(ENTRY_KINDS as readonly string[]).includes(k)) {
      throw new RangeError(`entryArbitrary: unknown kind ${JSON.stringify(k)}`);
    }
  }
  return new EntryArbitrary(scale, kinds);
}
